using CloudBroker.Drivers;
using CloudBroker.Provisioning.Calls;
using CloudBroker.Provisioning.Health;
using CloudBroker.Provisioning.Providers;

namespace CloudBroker.Provisioning.Tests;

public sealed class CircuitRulesTests
{
    private static readonly DateTime T0 = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);

    private static readonly ProviderHealthOptions Options = new()
    {
        FailureThreshold = 3, FailureWindow = TimeSpan.FromMinutes(1), OpenFor = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public void A_provider_never_failing_is_available()
    {
        var circuit = Circuit();
        CircuitRules.Fold(circuit, [Answered(0)], Options);
        Assert.Equal(ProviderStatus.Available, CircuitRules.HealthOf(circuit, T0, Options).Status);
        Assert.Equal(ProviderStatus.Available, CircuitRules.HealthOf(null, T0, Options).Status);
    }

    [Fact]
    public void Unreachable_calls_below_the_threshold_degrade_it_and_the_threshold_opens_the_circuit()
    {
        var circuit = Circuit();
        CircuitRules.Fold(circuit, [Unreachable(0), Unreachable(1)], Options);
        var degraded = CircuitRules.HealthOf(circuit, T0.AddSeconds(2), Options);
        Assert.Equal((ProviderStatus.Degraded, "unreachable", CircuitState.Closed), (degraded.Status, degraded.Category!.Slug, degraded.Circuit));
        Assert.Contains("2 of its calls in a row", degraded.Reason, StringComparison.Ordinal);

        CircuitRules.Fold(circuit, [Unreachable(2, DriverErrorKind.Timeout)], Options);
        var open = CircuitRules.HealthOf(circuit, T0.AddSeconds(3), Options);
        Assert.Equal((ProviderStatus.Unavailable, "unreachable", CircuitState.Open), (open.Status, open.Category!.Slug, open.Circuit));
        Assert.Equal(T0.AddSeconds(2), circuit.OpenedAt);
        Assert.Contains("ListInstances: Timeout: connection refused", open.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_answer_resets_the_streak_an_error_answer_included()
    {
        var circuit = Circuit();
        CircuitRules.Fold(circuit, [Unreachable(0), Unreachable(1), Failed(2, DriverErrorKind.Conflict), Unreachable(3), Unreachable(4)], Options);
        Assert.Equal(CircuitState.Closed, circuit.State);
        Assert.Equal(2, circuit.Failures);
    }

    [Fact]
    public void Failures_further_apart_than_the_window_start_a_new_streak()
    {
        var circuit = Circuit();
        CircuitRules.Fold(circuit, [Unreachable(0), Unreachable(30), Unreachable(61)], Options);
        Assert.Equal(CircuitState.Closed, circuit.State);
        Assert.Equal(1, circuit.Failures);
    }

    [Fact]
    public void An_open_circuit_is_half_open_after_its_time_and_a_trial_closes_or_reopens_it()
    {
        var circuit = Circuit();
        CircuitRules.Fold(circuit, [Unreachable(0), Unreachable(1), Unreachable(2)], Options);
        Assert.Equal(CircuitState.Open, CircuitRules.StateAt(circuit, T0.AddSeconds(31), Options));
        Assert.Equal(CircuitState.HalfOpen, CircuitRules.StateAt(circuit, T0.AddSeconds(32), Options));
        Assert.Equal(ProviderStatus.Unavailable, CircuitRules.HealthOf(circuit, T0.AddSeconds(32), Options).Status);

        CircuitRules.Fold(circuit, [Unreachable(40)], Options); // the trial failed: open again from then
        Assert.Equal(T0.AddSeconds(40), circuit.OpenedAt);
        Assert.Equal(CircuitState.Open, CircuitRules.StateAt(circuit, T0.AddSeconds(60), Options));

        CircuitRules.Fold(circuit, [Answered(71)], Options);
        Assert.Equal(CircuitState.Closed, circuit.State);
        Assert.Equal(ProviderStatus.Available, CircuitRules.HealthOf(circuit, T0.AddSeconds(72), Options).Status);
    }

    [Fact]
    public void Cancelled_calls_and_driver_bugs_say_nothing_of_the_provider()
    {
        var circuit = Circuit();
        CircuitRules.Fold(circuit,
        [
            Unreachable(0),
            new ProviderCallOutcome("p", ProviderCallKind.Read, "GetInstance", ProviderCallResult.Cancelled, null, T0.AddSeconds(1), TimeSpan.Zero),
            new ProviderCallOutcome("p", ProviderCallKind.Read, "GetInstance", ProviderCallResult.Failed, null, T0.AddSeconds(2), TimeSpan.Zero),
        ], Options);
        Assert.Equal(1, circuit.Failures);
    }

    private static ProviderCircuit Circuit() => new() { ProviderId = "p" };

    private static ProviderCallOutcome Answered(int second) =>
        new("p", ProviderCallKind.Read, "ListInstances", ProviderCallResult.Answered, null, T0.AddSeconds(second), TimeSpan.FromMilliseconds(5));

    private static ProviderCallOutcome Unreachable(int second, DriverErrorKind kind = DriverErrorKind.Unavailable) => Failed(second, kind);

    private static ProviderCallOutcome Failed(int second, DriverErrorKind kind) =>
        new("p", ProviderCallKind.Read, "ListInstances", ProviderCallResult.Failed, kind, T0.AddSeconds(second), TimeSpan.FromMilliseconds(5), "connection refused");
}
