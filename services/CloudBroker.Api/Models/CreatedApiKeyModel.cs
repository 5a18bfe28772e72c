namespace CloudBroker.Api.Models;

/// <summary>A new API key: the only answer that ever carries its <c>secret</c> (store it now; only its hash is kept).</summary>
public sealed record CreatedApiKeyModel(string Id, string UserId, string? Name, string Prefix, string Secret, DateTime CreatedAt);
