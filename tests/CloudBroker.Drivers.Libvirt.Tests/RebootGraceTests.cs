using CloudBroker.Drivers.Libvirt.Interop;

namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>
/// Reboot asks the guest to shut down (ACPI) and starts the domain again once it is off; a guest still up after the
/// grace period is destroyed and started. The domain's run id (a new one each start) says whether it came back.
/// libvirt's test driver obeys a shutdown at once (a cooperative guest); one that ignores it is set up by writing the
/// request a reboot leaves behind onto a running domain. A real guest of each kind boots in the libvirt lane.
/// </summary>
public sealed class RebootGraceTests : LibvirtTestBase
{
    /// <summary><c>VIR_DOMAIN_SHUTOFF_SHUTDOWN</c>: the guest powered off by itself.</summary>
    private const int ShutDown = 1;

    [Fact]
    public async Task A_guest_that_shuts_down_on_request_is_started_again_and_never_destroyed()
    {
        var driver = Harness.Open();
        var created = await driver.CreateInstanceAsync(Specs.Small(), Ct);
        var host = new HostView(driver);
        var run = host.RunId(created.Id);

        await driver.RebootInstanceAsync(created.Id, Ct);

        Assert.Equal((VirDomainState.Shutoff, ShutDown), host.State(created.Id)); // off by itself, not destroyed
        var seen = await GetAsync(driver, created.Id);
        Assert.Equal((DriverInstanceState.Running, "running"), (seen.State, seen.NativeState));
        Assert.NotEqual(run, host.RunId(created.Id));
        Assert.Null(host.OnDomain(created.Id, DomainObserver.ShutdownRequestOf));
    }

    [Fact]
    public async Task A_guest_that_ignores_the_request_reads_rebooting_until_the_grace_is_over_then_is_destroyed_and_started()
    {
        var driver = Harness.Open(("StopGracePeriod", "00:00:30"));
        var created = await driver.CreateInstanceAsync(Specs.Small(), Ct);
        var host = new HostView(driver);
        var run = host.RunId(created.Id);
        host.RecordIgnoredReboot(created.Id, Harness.Time.GetUtcNow());

        Harness.Time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        Assert.Equal(DriverInstanceState.Rebooting, (await GetAsync(driver, created.Id)).State);
        await driver.RebootInstanceAsync(created.Id, Ct); // a re-driven reboot carries the same one on
        Assert.Equal((VirDomainState.Running, run), (host.State(created.Id).State, host.RunId(created.Id)));

        Harness.Time.Advance(TimeSpan.FromTicks(1));
        var listed = Assert.Single(await driver.ListInstancesAsync(Ct));

        Assert.Equal(DriverInstanceState.Running, listed.State);
        Assert.NotEqual(run, host.RunId(created.Id));
        Assert.Null(host.OnDomain(created.Id, DomainObserver.ShutdownRequestOf));
    }

    [Fact]
    public async Task A_reboot_whose_domain_came_back_before_the_broker_forgot_it_is_done_not_repeated()
    {
        var driver = Harness.Open(("StopGracePeriod", "00:00:00"));
        var created = await driver.CreateInstanceAsync(Specs.Small(), Ct);
        var host = new HostView(driver);
        host.RecordIgnoredReboot(created.Id, Harness.Time.GetUtcNow());
        host.OnDomain(created.Id, domain =>
        {
            Domains.Destroy(domain); // the host restarted it: a new run, the request still in its definition
            Domains.Create(domain);
            return true;
        });
        var run = host.RunId(created.Id);

        Assert.Equal(DriverInstanceState.Running, (await GetAsync(driver, created.Id)).State);
        Assert.Equal(run, host.RunId(created.Id));
    }

    [Fact]
    public async Task A_stop_during_a_reboot_keeps_the_guest_down()
    {
        var driver = Harness.Open();
        var created = await driver.CreateInstanceAsync(Specs.Small(), Ct);
        await driver.RebootInstanceAsync(created.Id, Ct); // the test driver's guest is off at once

        await driver.StopInstanceAsync(created.Id, Ct);

        Assert.Equal(DriverInstanceState.Stopped, (await GetAsync(driver, created.Id)).State);
        Assert.Equal(VirDomainState.Shutoff, new HostView(driver).State(created.Id).State);
    }
}
