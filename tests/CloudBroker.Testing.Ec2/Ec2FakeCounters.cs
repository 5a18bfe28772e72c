using System.Collections.Concurrent;

namespace CloudBroker.Testing.Ec2;

/// <summary>What the fake has seen, for tests and the benchmark; all counters are thread-safe.</summary>
public sealed class Ec2FakeCounters
{
    private readonly ConcurrentDictionary<string, long> _requests = new(StringComparer.Ordinal);
    private long _throttled;
    private long _instancesCreated;
    private long _serverErrors;

    /// <summary>Requests received for <paramref name="action"/> (answered or refused).</summary>
    public long Requests(string action) => _requests.GetValueOrDefault(action);

    public long TotalRequests => _requests.Values.Sum();

    /// <summary>RunInstances calls refused with RequestLimitExceeded.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    public long InstancesCreated => Interlocked.Read(ref _instancesCreated);

    /// <summary>Injected 5xx answers (ServerErrorRate and FailAfterCreate).</summary>
    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    internal void Request(string action) => _requests.AddOrUpdate(action, 1, (_, n) => n + 1);

    internal void Throttle() => Interlocked.Increment(ref _throttled);

    internal void Created() => Interlocked.Increment(ref _instancesCreated);

    internal void ServerError() => Interlocked.Increment(ref _serverErrors);
}
