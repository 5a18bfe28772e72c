namespace CloudBroker.Identity.ApiKeys;

/// <summary>What authentication needs to know of a valid API key: its user's tenant, roles and groups (default first).</summary>
public sealed record VerifiedKey(string Id, string TenantId, string UserId, string Roles, IReadOnlyList<string> GroupIds);
