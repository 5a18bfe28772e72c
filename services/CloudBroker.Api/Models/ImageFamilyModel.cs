namespace CloudBroker.Api.Models;

/// <summary>A broker-level image name users order by, and its image on each provider.</summary>
public sealed record ImageFamilyModel(string Id, string Name, string? Description, IReadOnlyDictionary<string, string> Images, DateTime CreatedAt, DateTime UpdatedAt);
