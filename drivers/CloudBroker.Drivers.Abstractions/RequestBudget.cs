namespace CloudBroker.Drivers;

/// <summary>A token bucket: <paramref name="Burst"/> calls at once, refilled at <paramref name="RequestsPerSecond"/>.</summary>
/// <param name="Bucket">A name kinds of call share their bucket by, where the provider meters them together (ARM counts
/// creates and changes as writes); null: the kind's own bucket.</param>
public sealed record RequestBudget(double RequestsPerSecond, int Burst, string? Bucket = null);
