namespace CloudBroker.Api.Models;

/// <summary>One version of a price book with its lines and contracts (a tenant's readers see the general lines and their own).</summary>
public sealed record PriceBookVersionModel(
    string PriceBookId, int Version, string Status, string Currency, DateTime EffectiveFrom, DateTime? EffectiveTo,
    DateTime? PublishedAt, DateTime UpdatedAt, IReadOnlyList<PriceLineModel> Lines, IReadOnlyList<PriceContractModel> Contracts);
