namespace CloudBroker.Provisioning.Pacing;

/// <summary>The gate's answer: in, or how long to wait before asking again.</summary>
/// <param name="Turn">The request token the caller was given for later (<see cref="PacingTurn.At"/>): it comes back
/// with it after <paramref name="RetryIn"/> and takes no other.</param>
public readonly record struct GateEntry(bool Entered, TimeSpan RetryIn, double? Turn = null);
