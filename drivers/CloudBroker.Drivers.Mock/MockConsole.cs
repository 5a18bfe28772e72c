namespace CloudBroker.Drivers.Mock;

/// <summary>
/// The mock cloud's own console: what happens to it behind the broker's back, as an operator, a guest or an outage
/// would do it to a real cloud. It writes the provider's file, so every driver on that file (every process) sees it:
/// <list type="bullet">
/// <item><see cref="PowerOffAsync"/>: a running machine is off at once (a guest's <c>poweroff</c>, <c>virsh destroy</c>,
/// a stop from a cloud's console);</item>
/// <item><see cref="PowerOnAsync"/>: a stopped machine runs at once;</item>
/// <item><see cref="CutOffAsync"/>: every call fails as unreachable (<see cref="DriverErrorKind.Unavailable"/>, doing nothing)
/// for a while, as with a daemon restarting or a network cut; <see cref="RestoreAsync"/> ends it sooner.</item>
/// <item><see cref="StallAsync"/>: every call waits for a while before it is answered, as a clone of a large disk or an
/// overloaded control plane makes it; <see cref="RestoreAsync"/> ends it sooner (for calls that begin after).</item>
/// </list>
/// </summary>
public sealed class MockConsole : IAsyncDisposable
{
    internal const string OutageCounter = "outage-until";

    internal const string StallCounter = "stall-until";

    private readonly MockStore _store;
    private readonly TimeProvider _time;

    private MockConsole(MockStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    /// <summary>Opens the console of mock provider <paramref name="providerId"/> whose file is in <paramref name="dataDirectory"/>.</summary>
    public static MockConsole Open(string dataDirectory, string providerId, TimeProvider? time = null) =>
        new(MockStore.Open(MockStore.PathFor(dataDirectory, providerId)), time ?? TimeProvider.System);

    public Task PowerOffAsync(string machineId, CancellationToken cancellationToken = default) =>
        SetStateAsync(machineId, MockStates.Active, MockStates.Stopped, cancellationToken);

    public Task PowerOnAsync(string machineId, CancellationToken cancellationToken = default) =>
        SetStateAsync(machineId, MockStates.Stopped, MockStates.Active, cancellationToken);

    /// <summary>Every call of the provider fails as unreachable for <paramref name="duration"/> from now.</summary>
    public Task CutOffAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var until = (_time.GetUtcNow() + duration).ToUnixTimeMilliseconds();
        return _store.WriteAsync(s => { s.SetCounter(OutageCounter, until); return true; }, cancellationToken);
    }

    /// <summary>Every call of the provider that begins in the next <paramref name="duration"/> is answered only when it is over (cancellable).</summary>
    public Task StallAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var until = (_time.GetUtcNow() + duration).ToUnixTimeMilliseconds();
        return _store.WriteAsync(s => { s.SetCounter(StallCounter, until); return true; }, cancellationToken);
    }

    /// <summary>Ends a cut-off and a stall now.</summary>
    public Task RestoreAsync(CancellationToken cancellationToken = default) =>
        _store.WriteAsync(s => { s.SetCounter(OutageCounter, 0); s.SetCounter(StallCounter, 0); return true; }, cancellationToken);

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private Task<bool> SetStateAsync(string machineId, string from, string to, CancellationToken cancellationToken) =>
        _store.WriteAsync(
            session =>
            {
                var machine = session.FindById(machineId) ?? throw new DriverException(DriverErrorKind.NotFound, $"instance {machineId} does not exist");
                var now = _time.GetUtcNow();
                var current = machine.Phase.At(now);
                if (current != from)
                {
                    throw new DriverException(DriverErrorKind.Conflict, $"instance {machineId} is {current}, not {from}");
                }

                // A phase that has already reached its state: the next start or stop times from now, as after any settle.
                session.UpdatePhase(machineId, MockPhase.Moving(current, to, now), machine.TerminatedAt);
                return true;
            },
            cancellationToken);
}
