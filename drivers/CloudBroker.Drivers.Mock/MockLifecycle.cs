namespace CloudBroker.Drivers.Mock;

/// <summary>
/// The mock's state machine: which verb may act on which state and what phase follows.
/// Actions apply only to the settled state they are for; anything else is a conflict, as on most clouds.
/// </summary>
internal static class MockLifecycle
{
    public static MockPhase Create(DateTimeOffset now, TimeSpan bootDelay, bool stuck) =>
        stuck ? MockPhase.Settled(MockStates.Building) : MockPhase.Moving(MockStates.Building, MockStates.Active, now + bootDelay);

    public static MockPhase Start(string id, string current, DateTimeOffset now, TimeSpan delay) =>
        current == MockStates.Stopped
            ? MockPhase.Moving(MockStates.Starting, MockStates.Active, now + delay)
            : throw Conflict("start", id, current, MockStates.Stopped);

    public static MockPhase Stop(string id, string current, DateTimeOffset now, TimeSpan delay) =>
        current == MockStates.Active
            ? MockPhase.Moving(MockStates.ShuttingDown, MockStates.Stopped, now + delay)
            : throw Conflict("stop", id, current, MockStates.Active);

    public static MockPhase Reboot(string id, string current, DateTimeOffset now, TimeSpan delay) =>
        current == MockStates.Active
            ? MockPhase.Moving(MockStates.Rebooting, MockStates.Active, now + delay)
            : throw Conflict("reboot", id, current, MockStates.Active);

    /// <summary>The deleting phase, or <c>null</c> when the machine is already on its way out (destroy is idempotent).</summary>
    public static MockPhase? Destroy(string current, DateTimeOffset now, TimeSpan delay) =>
        current is MockStates.Deleting or MockStates.Deleted
            ? null
            : MockPhase.Moving(MockStates.Deleting, MockStates.Deleted, now + delay);

    private static DriverException Conflict(string verb, string id, string current, string needed) =>
        new(DriverErrorKind.Conflict, $"cannot {verb} instance {id}: it is {current}, {verb} needs {needed}");
}
