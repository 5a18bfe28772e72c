using Xunit;

namespace CloudBroker.Drivers.Mock.Tests;

/// <summary>The cloud moves with the provider's clock: each action takes its configured delay, to the tick.</summary>
public sealed class MockTimeTests : MockTestBase
{
    private static readonly (DriverInstanceState, string) Pending = (DriverInstanceState.Pending, "BUILDING");
    private static readonly (DriverInstanceState, string) Running = (DriverInstanceState.Running, "ACTIVE");

    [Fact]
    public async Task Every_action_takes_its_configured_delay()
    {
        var driver = Harness.Open(
            ("BootDelay", "00:00:10"), ("StopDelay", "00:00:03"), ("StartDelay", "00:00:04"),
            ("RebootDelay", "00:00:05"), ("DestroyDelay", "00:00:06"));
        var id = (await driver.CreateInstanceAsync(MockSpecs.Small("timed"), Ct)).Id;

        await ExpectTransitionAsync(driver, id, TimeSpan.FromSeconds(10), Pending, Running);
        await driver.StopInstanceAsync(id, Ct);
        await ExpectTransitionAsync(
            driver, id, TimeSpan.FromSeconds(3), (DriverInstanceState.Stopping, "SHUTTING_DOWN"), (DriverInstanceState.Stopped, "STOPPED"));
        await driver.StartInstanceAsync(id, Ct);
        await ExpectTransitionAsync(driver, id, TimeSpan.FromSeconds(4), (DriverInstanceState.Pending, "STARTING"), Running);
        await driver.RebootInstanceAsync(id, Ct);
        await ExpectTransitionAsync(driver, id, TimeSpan.FromSeconds(5), (DriverInstanceState.Rebooting, "REBOOTING"), Running);
        await driver.DestroyInstanceAsync(id, Ct);
        await ExpectTransitionAsync(
            driver, id, TimeSpan.FromSeconds(6), (DriverInstanceState.Terminating, "DELETING"), (DriverInstanceState.Terminated, "DELETED"));
    }

    [Fact]
    public async Task Default_boot_delay_is_two_seconds()
    {
        var driver = Harness.Open();
        var created = await driver.CreateInstanceAsync(MockSpecs.Small("default-boot"), Ct);

        Assert.Equal((DriverInstanceState.Pending, "BUILDING"), (created.State, created.NativeState));
        await ExpectTransitionAsync(driver, created.Id, TimeSpan.FromSeconds(2), Pending, Running);
    }

    [Fact]
    public async Task A_terminated_machine_is_kept_for_the_retention_then_gone()
    {
        var driver = Harness.Open(("DestroyDelay", "00:00:00"), ("TerminatedRetention", "00:01:00"));
        var id = await CreateRunningAsync(driver, "retained");
        await driver.DestroyInstanceAsync(id, Ct);

        Harness.Time.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(1));
        await ExpectAsync(driver, id, DriverInstanceState.Terminated, "DELETED");
        Assert.Contains(await driver.ListInstancesAsync(Ct), i => i.Id == id && i.State == DriverInstanceState.Terminated);
        Harness.Time.Advance(TimeSpan.FromTicks(1));

        Assert.Null(await driver.GetInstanceAsync(id, Ct));
        Assert.DoesNotContain(await driver.ListInstancesAsync(Ct), i => i.Id == id);
        var start = await Assert.ThrowsAsync<DriverException>(() => driver.StartInstanceAsync(id, Ct));
        Assert.Equal(DriverErrorKind.NotFound, start.Kind);
        await driver.DestroyInstanceAsync(id, Ct);
    }

    [Fact]
    public async Task Latency_delays_every_call_on_the_providers_clock()
    {
        var driver = Harness.Open(("Latency", "00:00:05"));

        var call = driver.ListRealmsAsync(Ct);
        Assert.False(call.IsCompleted);
        Harness.Time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.False(call.IsCompleted);
        Harness.Time.Advance(TimeSpan.FromTicks(1));

        Assert.NotEmpty(await call.WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task Latency_is_cut_short_by_the_cancellation_token_and_the_call_does_nothing()
    {
        var slow = Harness.Open(("Latency", "00:00:05"));
        var observer = Harness.Open();
        using var cancel = new CancellationTokenSource();

        var call = slow.CreateInstanceAsync(MockSpecs.Small("cancelled"), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Harness.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await observer.ListInstancesAsync(Ct));
    }
}
