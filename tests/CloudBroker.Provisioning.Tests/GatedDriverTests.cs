using CloudBroker.Drivers;
using CloudBroker.Provisioning.Calls;
using CloudBroker.Provisioning.Health;
using CloudBroker.Provisioning.Pacing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace CloudBroker.Provisioning.Tests;

/// <summary>
/// The one wrapper around every driver: each verb is paced as its kind of call, a call that may not run yet is refused
/// before it reaches the provider (with the time it may run and the turn it holds), a throttle pauses the kind for
/// everyone, and every call that was made is reported once, with how it ended.
/// </summary>
public sealed class GatedDriverTests
{
    private static readonly InstanceSpec Spec = new("cb-op", "instance", "m", "image", "profile", null, 1, 1024, 10, null, null, new Dictionary<string, string>());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_verb_is_paced_as_its_kind_and_every_call_made_is_reported_once()
    {
        var (driver, inner, calls, _) = Open(new()
        {
            ["Pacing:Create:Burst"] = "1", ["Pacing:Change:Burst"] = "4", ["Pacing:Read:Burst"] = "5",
        });

        await driver.CreateInstanceAsync(Spec, Ct);
        await Assert.ThrowsAsync<ProviderPacedException>(() => driver.CreateInstanceAsync(Spec, Ct));
        await driver.StartInstanceAsync("i-1", Ct);
        await driver.StopInstanceAsync("i-1", Ct);
        await driver.RebootInstanceAsync("i-1", Ct);
        await driver.DestroyInstanceAsync("i-1", Ct);
        Assert.Equal(ProviderCallKind.Change, (await Assert.ThrowsAsync<ProviderPacedException>(() => driver.StartInstanceAsync("i-1", Ct))).Kind);
        await driver.ListRealmsAsync(Ct);
        await driver.ListImagesAsync(Ct);
        await driver.ListHardwareProfilesAsync(Ct);
        await driver.ListInstancesAsync(Ct);
        await driver.GetInstanceAsync("i-1", Ct);
        Assert.Equal(ProviderCallKind.Read, (await Assert.ThrowsAsync<ProviderPacedException>(() => driver.GetInstanceAsync("i-1", Ct))).Kind);

        Assert.Equal(10, inner.Calls); // the refused calls never reached the provider
        Assert.Equal(
            [
                ("CreateInstance", ProviderCallKind.Create), ("StartInstance", ProviderCallKind.Change), ("StopInstance", ProviderCallKind.Change),
                ("RebootInstance", ProviderCallKind.Change), ("DestroyInstance", ProviderCallKind.Change), ("ListRealms", ProviderCallKind.Read),
                ("ListImages", ProviderCallKind.Read), ("ListHardwareProfiles", ProviderCallKind.Read), ("ListInstances", ProviderCallKind.Read),
                ("GetInstance", ProviderCallKind.Read),
            ],
            calls.Of("p").Select(c => (c.Call, c.Kind)));
        Assert.All(calls.Of("p"), c => Assert.Equal((ProviderCallResult.Answered, (DriverErrorKind?)null, "p"), (c.Result, c.Error, c.ProviderId)));
    }

    [Fact]
    public async Task A_refused_call_is_told_when_it_may_run_and_holds_its_turn_until_then()
    {
        var (driver, inner, _, time) = Open(new() { ["Pacing:Create:RequestsPerSecond"] = "2", ["Pacing:Create:Burst"] = "1" });
        var start = time.GetUtcNow().UtcDateTime;
        await driver.CreateInstanceAsync(Spec, Ct);

        var second = await Assert.ThrowsAsync<ProviderPacedException>(() => driver.CreateInstanceAsync(Spec, Ct));
        var third = await Assert.ThrowsAsync<ProviderPacedException>(() => driver.CreateInstanceAsync(Spec, Ct));
        Assert.Equal(start.AddSeconds(0.5), second.Until);
        Assert.Equal(start.AddSeconds(1), third.Until); // a turn of its own, not "ask again" for everyone at once
        Assert.Equal(ProviderCallKind.Create, second.Turn!.Value.Kind);

        time.Advance(TimeSpan.FromSeconds(0.5));
        await driver.Holding(second.Turn).CreateInstanceAsync(Spec, Ct); // at its turn, with its own token
        var view = driver.Holding(third.Turn);
        await view.ListRealmsAsync(Ct); // a read takes a read token: the create turn stays held for the view's create
        var early = await Assert.ThrowsAsync<ProviderPacedException>(() => view.CreateInstanceAsync(Spec, Ct));
        Assert.Equal((start.AddSeconds(1), third.Turn), (early.Until, early.Turn));
        time.Advance(TimeSpan.FromSeconds(0.5));
        await driver.Holding(third.Turn).CreateInstanceAsync(Spec, Ct);
        Assert.Equal(4, inner.Calls);
    }

    [Fact]
    public async Task A_throttled_answer_pauses_its_kind_for_every_caller()
    {
        var (driver, inner, calls, time) = Open([]);
        var start = time.GetUtcNow().UtcDateTime;
        inner.NextFailure = new DriverException(DriverErrorKind.Throttled, "slow down", TimeSpan.FromSeconds(3));

        Assert.Equal(DriverErrorKind.Throttled, (await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(Spec, Ct))).Kind);

        Assert.Equal(start.AddSeconds(3), (await Assert.ThrowsAsync<ProviderPacedException>(() => driver.CreateInstanceAsync(Spec, Ct))).Until);
        await driver.GetInstanceAsync("i-1", Ct); // reads have a bucket of their own
        inner.NextFailure = new DriverException(DriverErrorKind.Throttled, "slow down, no Retry-After");
        await Assert.ThrowsAsync<DriverException>(() => driver.GetInstanceAsync("i-1", Ct));
        Assert.Equal(start.AddSeconds(1), (await Assert.ThrowsAsync<ProviderPacedException>(() => driver.ListInstancesAsync(Ct))).Until); // the wrapper's pause
        Assert.Equal([ProviderCallResult.Failed, ProviderCallResult.Answered, ProviderCallResult.Failed], calls.Of("p").Select(c => c.Result));
    }

    [Fact]
    public async Task Failures_cancellations_and_durations_are_reported_as_they_were()
    {
        var (driver, inner, calls, time) = Open([]);
        inner.NextFailure = new DriverException(DriverErrorKind.Authentication, "who are you");
        await Assert.ThrowsAsync<DriverException>(() => driver.ListRealmsAsync(Ct));
        inner.NextFailure = new InvalidOperationException("a driver bug");
        await Assert.ThrowsAsync<InvalidOperationException>(() => driver.ListRealmsAsync(Ct));

        inner.Hold = new TaskCompletionSource();
        using var cancel = new CancellationTokenSource();
        var abandoned = driver.StopInstanceAsync("i-1", cancel.Token);
        time.Advance(TimeSpan.FromSeconds(2));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        var slow = driver.GetInstanceAsync("i-1", Ct);
        time.Advance(TimeSpan.FromSeconds(5));
        inner.Hold.SetResult();
        await slow;

        Assert.Equal(
            [
                (ProviderCallResult.Failed, DriverErrorKind.Authentication, TimeSpan.Zero), (ProviderCallResult.Failed, null, TimeSpan.Zero),
                (ProviderCallResult.Cancelled, null, TimeSpan.FromSeconds(2)), (ProviderCallResult.Answered, null, TimeSpan.FromSeconds(5)),
            ],
            calls.Of("p").Select(c => (c.Result, c.Error, c.Duration)));
    }

    [Fact]
    public async Task The_concurrency_limit_refuses_a_call_without_spending_a_token()
    {
        var (driver, inner, _, time) = Open(new() { ["MaxConcurrency"] = "1", ["Pacing:Read:Burst"] = "2", ["Pacing:Read:RequestsPerSecond"] = "0.001" });
        inner.Hold = new TaskCompletionSource();
        var inFlight = driver.ListInstancesAsync(Ct);

        var busy = await Assert.ThrowsAsync<ProviderPacedException>(() => driver.ListInstancesAsync(Ct));
        Assert.Equal((time.GetUtcNow().UtcDateTime.AddMilliseconds(50), (HeldTurn?)null), (busy.Until, busy.Turn));

        inner.Hold.SetResult();
        await inFlight;
        inner.Hold = null;
        await driver.ListInstancesAsync(Ct); // the second token of the burst was still there
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task A_caller_that_is_no_workflow_step_waits_for_a_turn_within_its_patience_and_no_longer()
    {
        var (driver, inner, _, time) = Open(new() { ["Pacing:Change:RequestsPerSecond"] = "2", ["Pacing:Change:Burst"] = "1" });
        await driver.DestroyInstanceAsync("i-1", Ct);

        var patient = driver.AtTurnAsync(d => d.DestroyInstanceAsync("i-2", Ct), TimeSpan.FromSeconds(1), Ct);
        Assert.False(patient.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.5));
        await patient.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(2, inner.Calls);

        var impatient = await Assert.ThrowsAsync<ProviderPacedException>(() => driver.AtTurnAsync(d => d.DestroyInstanceAsync("i-3", Ct), TimeSpan.FromSeconds(0.1), Ct));
        Assert.Equal(time.GetUtcNow().UtcDateTime.AddSeconds(0.5), impatient.Until);
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task A_view_holding_a_turn_leaves_the_driver_open_and_the_wrapper_closes_it()
    {
        var (driver, inner, _, _) = Open([]);
        await driver.Holding(new HeldTurn(ProviderCallKind.Read, 0)).DisposeAsync();
        Assert.False(inner.Disposed);
        await driver.DisposeAsync();
        Assert.True(inner.Disposed);
    }

    [Fact]
    public void Every_driver_error_kind_has_one_meaning_and_refused_credentials_are_one_problem_everywhere()
    {
        Assert.Equal(Enum.GetValues<DriverErrorKind>().Order(), DriverErrorTable.Kinds.Order());
        Assert.Equal("provider-authentication-failed", DriverErrorTable.ProblemOf(DriverErrorKind.Authentication).Slug);
        Assert.Equal("credentials-refused", DriverErrorTable.CategoryOf(DriverErrorKind.Authentication).Slug);
        Assert.All([DriverErrorKind.Unavailable, DriverErrorKind.Timeout, DriverErrorKind.Throttled],
            k => Assert.Equal("provider-unavailable", DriverErrorTable.ProblemOf(k).Slug));
    }

    internal static (GatedDriver Driver, ScriptedDriver Inner, RecentProviderCalls Calls, FakeTimeProvider Time) Open(Dictionary<string, string?> settings)
    {
        var prefixed = settings.ToDictionary(s => "Providers:p:" + s.Key, s => s.Value);
        var section = new ConfigurationBuilder().AddInMemoryCollection(prefixed).Build().GetSection("Providers:p");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var limits = ProviderLimits.From(section, new Dictionary<ProviderCallKind, RequestBudget>
        {
            [ProviderCallKind.Create] = new(RequestsPerSecond: 0.001, Burst: 5),
            [ProviderCallKind.Change] = new(RequestsPerSecond: 0.001, Burst: 5),
            [ProviderCallKind.Read] = new(RequestsPerSecond: 0.001, Burst: 5),
        });
        var inner = new ScriptedDriver();
        var calls = new RecentProviderCalls();
        var driver = new GatedDriver("p", inner, new ProviderGate("p", limits, new LocalProviderPacing(time)), [calls],
            new ProviderHealthBoard(time, Microsoft.Extensions.Options.Options.Create(new ProviderHealthOptions())), TimeSpan.FromSeconds(1), time);
        return (driver, inner, calls, time);
    }
}
