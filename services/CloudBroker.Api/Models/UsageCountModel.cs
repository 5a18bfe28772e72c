namespace CloudBroker.Api.Models;

/// <summary>One counted resource of a scope: its limit, what is used and reserved, and whether the warning threshold is reached.</summary>
public sealed record UsageCountModel(long? Limit, long Used, long Reserved, long? WarnAt, bool Warning);
