namespace CloudBroker.Identity;

/// <summary>What authentication needs to know of a valid API key.</summary>
public sealed record VerifiedKey(string Id, string TenantId, string UserId, string Roles);
