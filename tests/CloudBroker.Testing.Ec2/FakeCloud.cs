namespace CloudBroker.Testing.Ec2;

/// <summary>One account's state: instances in launch order, client tokens, key pairs, its RunInstances bucket. One lock keeps it consistent.</summary>
internal sealed class FakeCloud(Ec2FakeOptions options, Ec2FakeCounters counters)
{
    private readonly List<FakeMachine> _machines = [];
    private readonly Dictionary<string, FakeMachine> _byId = new(StringComparer.Ordinal);
    private readonly Random _dice = new(options.Seed);
    private long _ids;
    private long _launches;

    public Lock Gate { get; } = new();

    public Ec2FakeOptions Options => options;

    public Ec2FakeCounters Counters => counters;

    public TokenBucket RunInstancesBucket { get; } = new(options.Time);

    /// <summary>ClientToken → the request's fingerprint and the instances it made (EC2 keeps them for good).</summary>
    public Dictionary<string, (string Fingerprint, List<FakeMachine> Machines)> Tokens { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Ec2FakeKeyPair> KeyPairs { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset Now => options.Time.GetUtcNow();

    /// <summary>A fresh id in EC2's long format (<c>i-</c> and 17 hex digits). Call under <see cref="Gate"/>.</summary>
    public string NextId(string prefix) => $"{prefix}-{0x0a00000000000000L + ++_ids:x17}";

    /// <summary>The launch order of the next instance (the key of DescribeInstances' NextToken).</summary>
    public long NextOrdinal() => ++_launches;

    public double Roll()
    {
        lock (_dice)
        {
            return _dice.NextDouble();
        }
    }

    public void Add(FakeMachine machine)
    {
        _machines.Add(machine);
        _byId[machine.Id] = machine;
    }

    /// <summary>Every instance still described at <paramref name="now"/>, settled, in launch order. Call under <see cref="Gate"/>.</summary>
    public IReadOnlyList<FakeMachine> Visible(DateTimeOffset now)
    {
        _machines.RemoveAll(m =>
        {
            m.Settle(now);
            return m.IsPurged(now, options.TerminatedVisibleFor) && _byId.Remove(m.Id);
        });
        return _machines;
    }

    /// <summary>The instance, settled; a malformed or unknown id is EC2's error. Call under <see cref="Gate"/>.</summary>
    public FakeMachine Find(string id, DateTimeOffset now)
    {
        InstanceIds.CheckFormat(id);
        Visible(now);
        return _byId.TryGetValue(id, out var machine) ? machine : throw Ec2Fault.InstanceNotFound(id);
    }

    /// <summary>Stops a running instance now, no <c>stopping</c> phase: what a console or a guest does behind a client's back.</summary>
    public bool StopFromConsole(string id)
    {
        lock (Gate)
        {
            var now = Now;
            Visible(now);
            if (!_byId.TryGetValue(id, out var machine) || machine.State != InstanceState.Running)
            {
                return false;
            }

            machine.Enter(InstanceState.Stopped, null, TimeSpan.Zero, now);
            return true;
        }
    }

    public IReadOnlyList<Ec2FakeInstance> Snapshot()
    {
        lock (Gate)
        {
            return [.. Visible(Now).Select(m => m.Snapshot())];
        }
    }

    public IReadOnlyList<Ec2FakeKeyPair> KeyPairSnapshot()
    {
        lock (Gate)
        {
            return [.. KeyPairs.Values];
        }
    }
}
