using System.Collections.Concurrent;

namespace CloudBroker.Provisioning.Calls;

/// <summary>
/// The last <see cref="Capacity"/> call outcomes of each provider in this process, oldest first: the window a health
/// judgement (how many of the recent calls failed, and how) reads. A ring per provider under its own lock, so a
/// record costs no allocation beyond the outcome and providers do not contend.
/// </summary>
public sealed class RecentProviderCalls : IProviderCallObserver
{
    public const int Capacity = 256;

    private readonly ConcurrentDictionary<string, Ring> _rings = new(StringComparer.Ordinal);

    public void Observe(ProviderCallOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _rings.GetOrAdd(outcome.ProviderId, _ => new Ring()).Add(outcome);
    }

    /// <summary>The provider's recent outcomes, oldest first (empty for a provider not called yet).</summary>
    public IReadOnlyList<ProviderCallOutcome> Of(string providerId) =>
        _rings.TryGetValue(providerId, out var ring) ? ring.Snapshot() : [];

    private sealed class Ring
    {
        private readonly Lock _lock = new();
        private readonly ProviderCallOutcome[] _items = new ProviderCallOutcome[Capacity];
        private long _count;

        public void Add(ProviderCallOutcome outcome)
        {
            lock (_lock)
            {
                _items[_count++ % Capacity] = outcome;
            }
        }

        public ProviderCallOutcome[] Snapshot()
        {
            lock (_lock)
            {
                var length = (int)Math.Min(_count, Capacity);
                var first = _count - length;
                var copy = new ProviderCallOutcome[length];
                for (var i = 0; i < length; i++)
                {
                    copy[i] = _items[(first + i) % Capacity];
                }

                return copy;
            }
        }
    }
}
