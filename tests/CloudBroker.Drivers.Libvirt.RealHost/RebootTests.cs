namespace CloudBroker.Drivers.Libvirt.RealHost;

/// <summary>
/// Reboot with a real guest of each kind: one that powers off on ACPI comes back without being reset, within the
/// grace period; one that ignores ACPI is destroyed and started once the grace period is over. The guest's own notes
/// on its disk say which happened (<c>acpi;</c> is written only by a clean power-off).
/// </summary>
public sealed class RebootTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_guest_that_powers_off_on_ACPI_comes_back_within_the_grace_and_is_never_reset()
    {
        await using var driver = LaneHost.Open(("StopGracePeriod", "00:01:30"));
        var created = await driver.CreateInstanceAsync(LaneHost.Spec("coop"), Ct);
        await LaneHost.WaitForNotesAsync(created.Id, "boot;", TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(1), Ct); // its ACPI listener starts right after the note

        await driver.RebootInstanceAsync(created.Id, Ct);

        Assert.Equal(DriverInstanceState.Rebooting, (await driver.GetInstanceAsync(created.Id, Ct))!.State);
        await LaneHost.WaitForStateAsync(driver, created.Id, DriverInstanceState.Running, TimeSpan.FromSeconds(80)); // within the 90 s grace
        await LaneHost.WaitForNotesAsync(created.Id, "boot;acpi;boot;", TimeSpan.FromSeconds(90));
        await driver.DestroyInstanceAsync(created.Id, Ct);
    }

    [Fact]
    public async Task A_guest_that_ignores_ACPI_is_destroyed_and_started_once_the_grace_is_over()
    {
        var grace = TimeSpan.FromSeconds(8);
        await using var driver = LaneHost.Open(("StopGracePeriod", "00:00:08"));
        var created = await driver.CreateInstanceAsync(LaneHost.Spec("deaf"), Ct);
        await LaneHost.WaitForNotesAsync(created.Id, "boot;", TimeSpan.FromSeconds(90));

        await driver.RebootInstanceAsync(created.Id, Ct);

        Assert.Equal(DriverInstanceState.Rebooting, (await driver.GetInstanceAsync(created.Id, Ct))!.State);
        var took = await LaneHost.WaitForStateAsync(driver, created.Id, DriverInstanceState.Running, TimeSpan.FromSeconds(60));
        Assert.True(took >= grace - TimeSpan.FromSeconds(1), $"running again after {took}, before the grace of {grace} was over");
        await LaneHost.WaitForNotesAsync(created.Id, "boot;boot;", TimeSpan.FromSeconds(90));
        await driver.DestroyInstanceAsync(created.Id, Ct);
    }
}
