using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>A tenant's default placement policy (<c>private-first</c>, <c>private-only</c> or <c>cheapest</c>); <c>isDefault</c> while none was set.</summary>
public sealed record PlacementPolicyModel(string TenantId, string Policy, bool IsDefault, DateTime? UpdatedAt);

/// <summary>The body of <c>PUT /api/tenants/{id}/placement-policy</c>.</summary>
public sealed record PlacementPolicyRequest([property: Text(32)] string? Policy = null);

/// <summary>Why an instance is where it is: where it is counted now (its claim, while it holds one) and the decision that placed it.</summary>
public sealed record InstancePlacementModel(string InstanceId, string ProviderId, string? PoolId, string? RealmId, Placement.Decisions.PlacementExplanation Decision);
