namespace CloudBroker.Api.Models;

/// <summary>An API key as listed: its prefix only, never the secret.</summary>
public sealed record ApiKeyModel(string Id, string UserId, string? Name, string Prefix, DateTime CreatedAt, DateTime? RevokedAt);
