namespace CloudBroker.Api.Models;

/// <summary>What is known about a stored provider's credentials without opening them: whether they are set, their field names, the key that sealed them.</summary>
public sealed record ProviderCredentialsModel(bool Set, IReadOnlyList<string> Fields, string? KeyId, DateTime? UpdatedAt);
