using System.Collections.Concurrent;
using CloudBroker.Provisioning.Calls;
using Microsoft.Extensions.Options;

namespace CloudBroker.Provisioning.Health;

/// <summary>
/// This process's view of every provider's circuit (as <see cref="ProviderHealthMonitor"/> last read it from the shared
/// row), and the outcomes of its calls since then, which the monitor folds into that row. It hears every call
/// <see cref="GatedDriver"/> makes, and <see cref="GatedDriver"/> asks it whether a call may go at all: the one place
/// health is judged, and the place placement asks.
/// </summary>
public sealed class ProviderHealthBoard(TimeProvider time, IOptions<ProviderHealthOptions> options) : IProviderCallObserver
{
    /// <summary>Outcomes kept per provider between two folds; older ones are dropped (the newest say more).</summary>
    public const int PendingLimit = 1024;

    private readonly ConcurrentDictionary<string, ProviderCircuit> _circuits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ProviderCallOutcome>> _pending = new(StringComparer.Ordinal);

    public void Observe(ProviderCallOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var queue = _pending.GetOrAdd(outcome.ProviderId, _ => new ConcurrentQueue<ProviderCallOutcome>());
        queue.Enqueue(outcome);
        while (queue.Count > PendingLimit && queue.TryDequeue(out _))
        {
        }
    }

    /// <summary>The provider's health now.</summary>
    public ProviderHealth Of(string providerId) =>
        CircuitRules.HealthOf(_circuits.GetValueOrDefault(providerId), Now, options.Value);

    /// <summary>Whether calls to the provider are refused now (its circuit is open and not yet due for a trial).</summary>
    public bool Refuses(string providerId) =>
        _circuits.TryGetValue(providerId, out var circuit) && CircuitRules.StateAt(circuit, Now, options.Value) == CircuitState.Open;

    /// <summary>The outcomes heard since the last call, oldest first.</summary>
    internal List<ProviderCallOutcome> Drain(string providerId)
    {
        var drained = new List<ProviderCallOutcome>();
        if (_pending.TryGetValue(providerId, out var queue))
        {
            while (queue.TryDequeue(out var outcome))
            {
                drained.Add(outcome);
            }
        }

        drained.Sort((a, b) => a.At.CompareTo(b.At));
        return drained;
    }

    /// <summary>Takes the circuit as stored (a copy: the board's view never changes under a reader).</summary>
    internal void Set(ProviderCircuit circuit) =>
        _circuits[circuit.ProviderId] = new ProviderCircuit
        {
            ProviderId = circuit.ProviderId, State = circuit.State, Failures = circuit.Failures, FailingSince = circuit.FailingSince,
            OpenedAt = circuit.OpenedAt, AnsweredAt = circuit.AnsweredAt, Reason = circuit.Reason, UpdatedAt = circuit.UpdatedAt, Version = circuit.Version,
        };

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
