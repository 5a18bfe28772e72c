using CloudBroker.Provisioning.Calls;
using CloudBroker.Provisioning.Providers;

namespace CloudBroker.Provisioning.Health;

/// <summary>
/// How call outcomes move a provider's circuit, and what the circuit says of the provider's health: pure, so every
/// process folds the same way. Only unreachable calls (<see cref="DriverErrorTable.IsUnreachable"/>) count against a
/// provider; any answer, an error answer included, shows it is there.
/// </summary>
public static class CircuitRules
{
    /// <summary>Folds <paramref name="outcomes"/> (oldest first) into <paramref name="circuit"/>.</summary>
    public static void Fold(ProviderCircuit circuit, IEnumerable<ProviderCallOutcome> outcomes, ProviderHealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var outcome in outcomes)
        {
            if (outcome.Result == ProviderCallResult.Answered || outcome.Error is { } answered && !DriverErrorTable.IsUnreachable(answered))
            {
                circuit.State = CircuitState.Closed;
                circuit.Failures = 0;
                circuit.FailingSince = null;
                circuit.AnsweredAt = Later(circuit.AnsweredAt, outcome.At);
            }
            else if (outcome is { Result: ProviderCallResult.Failed, Error: { } kind })
            {
                Failed(circuit, outcome, kind, options);
            }

            // Cancelled calls, and failures that are no driver error (a driver bug), say nothing of the provider.
        }
    }

    /// <summary>The circuit's state at <paramref name="now"/>: an open one is half-open once <see cref="ProviderHealthOptions.OpenFor"/> has passed.</summary>
    public static CircuitState StateAt(ProviderCircuit circuit, DateTime now, ProviderHealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(options);
        return circuit.State == CircuitState.Open && now >= circuit.OpenedAt + options.OpenFor ? CircuitState.HalfOpen : circuit.State;
    }

    /// <summary>What the circuit says of the provider at <paramref name="now"/> (available when no call failed yet).</summary>
    public static ProviderHealth HealthOf(ProviderCircuit? circuit, DateTime now, ProviderHealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (circuit is null)
        {
            return ProviderHealth.Unknown;
        }

        var state = StateAt(circuit, now, options);
        return state switch
        {
            CircuitState.Open or CircuitState.HalfOpen => new ProviderHealth(
                ProviderStatus.Unavailable, ProviderStatusCategory.Unreachable,
                $"it did not answer {circuit.Failures} calls in a row since {circuit.FailingSince:yyyy-MM-ddTHH:mm:ssZ} (last: {circuit.Reason}); " +
                (state == CircuitState.Open
                    ? $"calls are refused until {circuit.OpenedAt + options.OpenFor:yyyy-MM-ddTHH:mm:ssZ}, then a probe tries it again"
                    : "the next call or probe tries it again"),
                state, circuit.OpenedAt),
            _ when circuit.Failures > 0 => new ProviderHealth(
                ProviderStatus.Degraded, ProviderStatusCategory.Unreachable,
                $"{circuit.Failures} of its calls in a row did not answer since {circuit.FailingSince:yyyy-MM-ddTHH:mm:ssZ} (last: {circuit.Reason}); " +
                $"{options.FailureThreshold} open its circuit",
                state, null),
            _ => ProviderHealth.Unknown with { Circuit = state },
        };
    }

    private static void Failed(ProviderCircuit circuit, ProviderCallOutcome outcome, Drivers.DriverErrorKind kind, ProviderHealthOptions options)
    {
        if (circuit.Failures == 0 || circuit.FailingSince is not { } since || outcome.At - since > options.FailureWindow)
        {
            circuit.Failures = 0;
            circuit.FailingSince = outcome.At;
        }

        circuit.Failures++;
        circuit.Reason = $"{outcome.Call}: {kind}: {outcome.Detail ?? "no detail"}";
        var halfOpen = StateAt(circuit, outcome.At, options) == CircuitState.HalfOpen;
        if ((circuit.State == CircuitState.Closed && circuit.Failures >= options.FailureThreshold) || halfOpen)
        {
            // Opened, or a trial of a half-open circuit failed: open again from now.
            circuit.State = CircuitState.Open;
            circuit.OpenedAt = outcome.At;
        }
    }

    private static DateTime Later(DateTime? a, DateTime b) => a is { } at && at > b ? at : b;
}
