namespace CloudBroker.Api.Models;

/// <summary>A price book and its versions (newest first).</summary>
public sealed record PriceBookModel(string Id, string Name, string Currency, DateTime CreatedAt, IReadOnlyList<PriceBookVersionSummaryModel> Versions);

/// <summary>A version's state and range; <c>GET …/versions/{version}</c> has its lines.</summary>
public sealed record PriceBookVersionSummaryModel(int Version, string Status, DateTime EffectiveFrom, DateTime? EffectiveTo, DateTime? PublishedAt);
