namespace CloudBroker.Drivers.Libvirt.RealHost;

/// <summary>A domain destroyed behind the broker (virsh destroy) reads stopped at the very next look, listing included.</summary>
public sealed class DriftTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_domain_destroyed_behind_the_broker_reads_stopped_at_the_next_look()
    {
        await using var driver = LaneHost.Open();
        var created = await driver.CreateInstanceAsync(LaneHost.Spec("coop"), Ct);
        Assert.Equal(DriverInstanceState.Running, created.State);

        LaneHost.Virsh("destroy", LibvirtNames.ForInstance(Guid.Parse(created.Id)));

        var listed = (await driver.ListInstancesAsync(Ct)).Single(i => i.Id == created.Id);
        Assert.Equal((DriverInstanceState.Stopped, "shut off"), (listed.State, listed.NativeState));
        Assert.Equal(DriverInstanceState.Stopped, (await driver.GetInstanceAsync(created.Id, Ct))!.State);
        await driver.DestroyInstanceAsync(created.Id, Ct);
    }
}
