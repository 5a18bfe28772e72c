namespace CloudBroker.Api.Models;

/// <summary>An API key as listed: its prefix only, never the secret (<c>null</c> for the bootstrap admin key, of which nothing is stored).</summary>
public sealed record ApiKeyModel(string Id, string UserId, string? Name, string? Prefix, DateTime CreatedAt, DateTime? RevokedAt);
