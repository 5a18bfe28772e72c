using System.Collections.Concurrent;

namespace CloudBroker.Testing.Azure;

/// <summary>What the fake was asked, by kind (token, put, get, list, delete, start, deallocate, powerOff, restart, operation).</summary>
public sealed class ArmFakeCounters
{
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private int _throttled;
    private int _serverErrors;
    private int _unauthorized;

    /// <summary>Requests of one kind, throttled and failed ones included.</summary>
    public int this[string kind] => _requests.GetValueOrDefault(kind);

    /// <summary>Write requests answered 429.</summary>
    public int Throttled => Volatile.Read(ref _throttled);

    /// <summary>Requests answered 500/503 by fault injection (FailAfterCreate included).</summary>
    public int ServerErrors => Volatile.Read(ref _serverErrors);

    /// <summary>Token requests refused and ARM requests without a valid bearer token.</summary>
    public int Unauthorized => Volatile.Read(ref _unauthorized);

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_requests, StringComparer.Ordinal);

    internal void Count(string kind) => _requests.AddOrUpdate(kind, 1, (_, n) => n + 1);

    internal void CountThrottled() => Interlocked.Increment(ref _throttled);

    internal void CountServerError() => Interlocked.Increment(ref _serverErrors);

    internal void CountUnauthorized() => Interlocked.Increment(ref _unauthorized);
}
