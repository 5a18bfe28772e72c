namespace CloudBroker.Provisioning.Pacing;

/// <summary>
/// A request token given for a later turn: <see cref="At"/> is the turn in the bucket's own time (ours minus the
/// bucket's shift, <see cref="CellRate"/>), so that a throttle — the provider's bucket is behind ours — moves every
/// outstanding turn later at once. <see cref="Wait"/> is how long until it, as it stood when given.
/// </summary>
public readonly record struct PacingTurn(TimeSpan Wait, double At);
