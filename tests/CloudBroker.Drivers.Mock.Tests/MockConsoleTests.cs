using Xunit;

namespace CloudBroker.Drivers.Mock.Tests;

/// <summary>
/// The mock cloud's console changes it behind the driver's back, through the shared file, as an operator, a guest or an
/// outage would: every driver on the file (every process) sees it.
/// </summary>
public sealed class MockConsoleTests : MockTestBase
{
    [Fact]
    public async Task A_machine_powered_off_from_the_console_is_stopped_at_once_for_every_driver_and_starts_again()
    {
        var driver = Harness.Open();
        var other = Harness.Open();
        var id = await CreateRunningAsync(driver, "console");
        await using var console = MockConsole.Open(Harness.DataDirectory, MockHarness.ProviderId, Harness.Time);

        await console.PowerOffAsync(id, Ct);
        await ExpectAsync(other, id, DriverInstanceState.Stopped, "STOPPED");
        Assert.Empty((await other.GetInstanceAsync(id, Ct))!.Addresses);
        var refused = await Assert.ThrowsAsync<DriverException>(() => console.PowerOffAsync(id, Ct));
        Assert.Equal(DriverErrorKind.Conflict, refused.Kind);

        await driver.StartInstanceAsync(id, Ct); // the driver's own start works on what the console left
        await ExpectTransitionAsync(driver, id, TimeSpan.FromSeconds(1), (DriverInstanceState.Pending, "STARTING"), (DriverInstanceState.Running, "ACTIVE"));

        await driver.StopInstanceAsync(id, Ct);
        Harness.Time.Advance(TimeSpan.FromSeconds(1));
        await console.PowerOnAsync(id, Ct);
        await ExpectAsync(other, id, DriverInstanceState.Running, "ACTIVE");
    }

    [Fact]
    public async Task A_provider_cut_off_fails_every_call_as_unreachable_doing_nothing_until_its_time_is_up_or_it_is_restored()
    {
        var driver = Harness.Open();
        var id = await CreateRunningAsync(driver, "cut");
        await using var console = MockConsole.Open(Harness.DataDirectory, MockHarness.ProviderId, Harness.Time);

        await console.CutOffAsync(TimeSpan.FromSeconds(30), Ct);
        foreach (var call in new Func<Task>[]
                 {
                     () => driver.ListRealmsAsync(Ct), () => driver.ListInstancesAsync(Ct), () => driver.GetInstanceAsync(id, Ct),
                     () => driver.StopInstanceAsync(id, Ct), () => driver.CreateInstanceAsync(MockSpecs.Small("during"), Ct),
                 })
        {
            var failed = await Assert.ThrowsAsync<DriverException>(call);
            Assert.Equal(DriverErrorKind.Unavailable, failed.Kind);
            Assert.Contains("cannot be reached", failed.Message, StringComparison.Ordinal);
        }

        Harness.Time.Advance(TimeSpan.FromSeconds(30));
        await ExpectAsync(driver, id, DriverInstanceState.Running, "ACTIVE"); // the stop did nothing
        Assert.Single(await driver.ListInstancesAsync(Ct)); // nor did the create

        await console.CutOffAsync(TimeSpan.FromMinutes(5), Ct);
        await Assert.ThrowsAsync<DriverException>(() => driver.ListInstancesAsync(Ct));
        await console.RestoreAsync(Ct);
        Assert.Single(await driver.ListInstancesAsync(Ct));
    }

    [Fact]
    public async Task A_stall_holds_every_call_begun_during_it_until_it_ends_or_the_caller_gives_up()
    {
        var driver = Harness.Open();
        await using var console = MockConsole.Open(Harness.DataDirectory, MockHarness.ProviderId, Harness.Time);

        await console.StallAsync(TimeSpan.FromSeconds(30), Ct);
        var held = driver.ListInstancesAsync(Ct);
        await Task.Delay(100, Ct);
        Assert.False(held.IsCompleted);
        Harness.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(await held.WaitAsync(TimeSpan.FromSeconds(10), Ct));

        await console.StallAsync(TimeSpan.FromMinutes(5), Ct);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var abandoned = driver.CreateInstanceAsync(MockSpecs.Small("abandoned"), giveUp.Token);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        await console.RestoreAsync(Ct);
        Assert.Empty(await driver.ListInstancesAsync(Ct)); // the abandoned create made nothing
    }
}
