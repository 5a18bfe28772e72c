namespace CloudBroker.Placement.Placing;

/// <summary>A filter's verdict on a candidate: passed, or refused and why (said to the caller: only about pools it may use).</summary>
public sealed record FilterVerdict(string Filter, bool Passed, string? Reason);
