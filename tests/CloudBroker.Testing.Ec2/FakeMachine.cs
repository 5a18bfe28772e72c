namespace CloudBroker.Testing.Ec2;

/// <summary>One instance inside the fake. Mutated only under <see cref="FakeCloud.Gate"/>; its state moves with the clock.</summary>
internal sealed class FakeMachine
{
    public required long Ordinal { get; init; }

    public required string Id { get; init; }

    public required string ReservationId { get; init; }

    public required string ImageId { get; init; }

    public required string InstanceType { get; init; }

    public required string Zone { get; init; }

    public required string PrivateIp { get; init; }

    public required string ClientToken { get; init; }

    public required DateTimeOffset LaunchTime { get; init; }

    public string? KeyName { get; init; }

    public string? UserData { get; init; }

    public string? SubnetId { get; init; }

    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];

    public required Dictionary<string, string> Tags { get; init; }

    /// <summary>Set for machines launched under <see cref="Ec2FakeOptions.NeverReady"/>: pending never ends.</summary>
    public bool NeverReady { get; init; }

    public InstanceState State { get; private set; } = InstanceState.Pending;

    public DateTimeOffset? TerminatedAt { get; private set; }

    private InstanceState? Next { get; set; }

    private DateTimeOffset NextAt { get; set; }

    /// <summary>Applies a transition that is due by <paramref name="now"/>.</summary>
    public void Settle(DateTimeOffset now)
    {
        if (Next is { } next && now >= NextAt)
        {
            State = next;
            Next = null;
            if (next == InstanceState.Terminated)
            {
                TerminatedAt = NextAt;
            }
        }
    }

    /// <summary>Enters <paramref name="state"/> now and <paramref name="then"/> after <paramref name="after"/> (never when null).</summary>
    public void Enter(InstanceState state, InstanceState? then, TimeSpan after, DateTimeOffset now)
    {
        State = state;
        Next = then;
        NextAt = now + after;
        Settle(now);
    }

    /// <summary>Starts the walk to running, unless this machine never gets ready.</summary>
    public void Boot(TimeSpan pendingFor, DateTimeOffset now) =>
        Enter(InstanceState.Pending, NeverReady ? null : InstanceState.Running, pendingFor, now);

    public bool IsPurged(DateTimeOffset now, TimeSpan visibleFor) => TerminatedAt is { } at && at + visibleFor <= now;

    public Ec2FakeInstance Snapshot() =>
        new(Id, State.Name, ImageId, InstanceType, Zone, KeyName, UserData, ClientToken, SubnetId, SecurityGroupIds,
            new Dictionary<string, string>(Tags));
}
