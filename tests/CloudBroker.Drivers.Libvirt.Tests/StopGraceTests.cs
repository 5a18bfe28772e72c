using CloudBroker.Drivers.Libvirt.Interop;

namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>
/// Stop is a graceful shutdown, and a domain still up after <c>StopGracePeriod</c> is destroyed by the next read or
/// stop. libvirt's test driver always obeys a shutdown at once, so a guest that ignores it is set up by writing the
/// stop request a stop leaves behind onto a running domain: that is exactly what such a host shows.
/// </summary>
public sealed class StopGraceTests : LibvirtTestBase
{
    /// <summary><c>VIR_DOMAIN_SHUTOFF_SHUTDOWN</c> and <c>VIR_DOMAIN_SHUTOFF_DESTROYED</c>.</summary>
    private const int ShutDown = 1;
    private const int Destroyed = 2;

    [Fact]
    public async Task Stop_asks_the_guest_to_shut_down_rather_than_destroying_it()
    {
        var driver = Harness.Open();
        var created = await driver.CreateInstanceAsync(Specs.Small(), Ct);

        await driver.StopInstanceAsync(created.Id, Ct);

        Assert.Equal((VirDomainState.Shutoff, ShutDown), new HostView(driver).State(created.Id));
        Assert.Equal(DriverInstanceState.Stopped, (await GetAsync(driver, created.Id)).State);
        await driver.StartInstanceAsync(created.Id, Ct);
        Assert.Equal(DriverInstanceState.Running, (await GetAsync(driver, created.Id)).State);
    }

    [Fact]
    public async Task A_guest_that_ignores_shutdown_is_stopping_until_the_default_grace_of_60_s_then_destroyed_by_a_read()
    {
        var driver = Harness.Open();
        var created = await driver.CreateInstanceAsync(Specs.Small(), Ct);
        var host = new HostView(driver);
        host.RecordIgnoredShutdown(created.Id, Harness.Time.GetUtcNow());

        Harness.Time.Advance(TimeSpan.FromSeconds(60) - TimeSpan.FromTicks(1));
        var stopping = await GetAsync(driver, created.Id);
        Assert.Equal((DriverInstanceState.Stopping, "running"), (stopping.State, stopping.NativeState));
        Assert.Equal(VirDomainState.Running, host.State(created.Id).State);

        Harness.Time.Advance(TimeSpan.FromTicks(1));
        var stopped = await GetAsync(driver, created.Id);

        Assert.Equal((DriverInstanceState.Stopped, "shut off"), (stopped.State, stopped.NativeState));
        Assert.Equal((VirDomainState.Shutoff, Destroyed), host.State(created.Id));
    }

    [Fact]
    public async Task A_later_stop_finishes_the_job_once_the_configured_grace_has_passed()
    {
        var driver = Harness.Open(("StopGracePeriod", "00:00:05"));
        var created = await driver.CreateInstanceAsync(Specs.Small(), Ct);
        var host = new HostView(driver);
        host.RecordIgnoredShutdown(created.Id, Harness.Time.GetUtcNow());

        Harness.Time.Advance(TimeSpan.FromSeconds(4));
        await driver.StopInstanceAsync(created.Id, Ct);
        Assert.Equal(VirDomainState.Running, host.State(created.Id).State);
        Assert.Contains(await driver.ListInstancesAsync(Ct), i => i.Id == created.Id && i.State == DriverInstanceState.Stopping);

        Harness.Time.Advance(TimeSpan.FromSeconds(1));
        await driver.StopInstanceAsync(created.Id, Ct);

        Assert.Equal((VirDomainState.Shutoff, Destroyed), host.State(created.Id));
    }

    [Fact]
    public async Task Listing_also_finishes_an_overdue_stop()
    {
        var driver = Harness.Open(("StopGracePeriod", "00:00:00"));
        var created = await driver.CreateInstanceAsync(Specs.Small(), Ct);
        new HostView(driver).RecordIgnoredShutdown(created.Id, Harness.Time.GetUtcNow());

        var listed = Assert.Single(await driver.ListInstancesAsync(Ct));

        Assert.Equal(DriverInstanceState.Stopped, listed.State);
    }

    [Fact]
    public async Task A_reboot_supersedes_an_unfinished_stop()
    {
        var driver = Harness.Open();
        var created = await driver.CreateInstanceAsync(Specs.Small(), Ct);
        new HostView(driver).RecordIgnoredShutdown(created.Id, Harness.Time.GetUtcNow());

        await driver.RebootInstanceAsync(created.Id, Ct);
        Harness.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(DriverInstanceState.Running, (await GetAsync(driver, created.Id)).State);
    }

    [Fact]
    public async Task The_stop_request_lives_in_the_running_definition_only()
    {
        var driver = Harness.Open();
        var created = await driver.CreateInstanceAsync(Specs.Small(), Ct);
        var host = new HostView(driver);
        host.RecordIgnoredShutdown(created.Id, Harness.Time.GetUtcNow());
        Harness.Time.Advance(TimeSpan.FromMinutes(2));
        await GetAsync(driver, created.Id);

        await driver.StartInstanceAsync(created.Id, Ct);
        Harness.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(DriverInstanceState.Running, (await GetAsync(driver, created.Id)).State);
        Assert.Null(host.OnDomain(created.Id, DomainObserver.ShutdownRequestOf));
    }
}
