namespace CloudBroker.Drivers;

/// <summary>A token bucket: <paramref name="Burst"/> calls at once, refilled at <paramref name="RequestsPerSecond"/>.</summary>
public sealed record RequestBudget(double RequestsPerSecond, int Burst);
