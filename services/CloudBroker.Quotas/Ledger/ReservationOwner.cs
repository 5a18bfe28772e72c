namespace CloudBroker.Quotas.Ledger;

/// <summary>Whose scopes a reservation counts against: the instance's user, charged group, tenant and provider.</summary>
public sealed record ReservationOwner(string InstanceId, string TenantId, string GroupId, string UserId, string ProviderId);
