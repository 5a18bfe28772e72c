namespace CloudBroker.Provisioning.Providers;

/// <summary>The gate's answer: in, or how long to wait before asking again.</summary>
public readonly record struct GateEntry(bool Entered, TimeSpan RetryIn);
