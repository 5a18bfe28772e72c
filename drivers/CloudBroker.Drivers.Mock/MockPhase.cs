namespace CloudBroker.Drivers.Mock;

/// <summary>
/// Where a machine is in its life: a state word, and the word it turns into at <see cref="NextAt"/>.
/// The mock never runs timers; the state is computed from the clock whenever someone asks.
/// </summary>
/// <param name="Next">The state reached at <see cref="NextAt"/>; <c>null</c> for a settled (or stuck) machine.</param>
internal sealed record MockPhase(string State, string? Next, DateTimeOffset? NextAt)
{
    public static MockPhase Settled(string state) => new(state, null, null);

    public static MockPhase Moving(string state, string next, DateTimeOffset at) => new(state, next, at);

    /// <summary>The state word as seen at <paramref name="now"/>.</summary>
    public string At(DateTimeOffset now) => Next is not null && now >= NextAt ? Next : State;
}
