namespace CloudBroker.Contracts;

/// <summary>Event: an instance moved from one state to another (accounting opens and closes usage on it).</summary>
public sealed record InstanceStateChanged(
    string InstanceId,
    string TenantId,
    string OwnerId,
    string ProviderId,
    string FromState,
    string ToState,
    string Cause,
    DateTime OccurredAt);
