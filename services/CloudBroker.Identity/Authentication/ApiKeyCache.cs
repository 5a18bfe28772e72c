using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using CloudBroker.Identity.ApiKeys;

namespace CloudBroker.Identity.Authentication;

/// <summary>
/// Recently verified keys by hash, so a request does not pay a database round trip to authenticate
/// (it was 40 % of a read's cost). Only valid keys are kept, for <see cref="Lifetime"/>: a revocation or a
/// change of the key's user clears it at once in every process that hears <see cref="IIdentityChanges"/>,
/// and the lifetime bounds the rest (a lost notification).
/// </summary>
public sealed class ApiKeyCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, (VerifiedKey Key, DateTime Expires)> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string hash, [NotNullWhen(true)] out VerifiedKey? key)
    {
        key = null;
        if (!_entries.TryGetValue(hash, out var entry))
        {
            return false;
        }

        if (entry.Expires <= time.GetUtcNow().UtcDateTime)
        {
            _entries.TryRemove(hash, out _);
            return false;
        }

        key = entry.Key;
        return true;
    }

    public void Add(string hash, VerifiedKey key)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear(); // A bound, not a policy: entries are cheap to reload.
        }

        _entries[hash] = (key, time.GetUtcNow().UtcDateTime + Lifetime);
    }

    /// <summary>Forgets every key (a user or key changed somewhere; entries are cheap to reload).</summary>
    public void Clear() => _entries.Clear();
}
