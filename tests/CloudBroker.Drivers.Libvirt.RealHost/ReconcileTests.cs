using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Reconciliation;

namespace CloudBroker.Drivers.Libvirt.RealHost;

/// <summary>
/// What one reconcile sees on a real host: a domain destroyed behind the broker (virsh destroy) is drift at the very
/// next listing; disks left without a domain are this provider's orphans or another installation's, by their names.
/// </summary>
public sealed class ReconcileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_domain_destroyed_behind_the_broker_is_drift_in_the_next_listing()
    {
        await using var driver = LaneHost.Open();
        var created = await driver.CreateInstanceAsync(LaneHost.Spec("coop"), Ct);
        Assert.Equal(DriverInstanceState.Running, created.State);

        LaneHost.Virsh("destroy", LibvirtNames.ForInstance(Guid.Parse(created.Id)));

        var listed = await driver.ListInstancesAsync(Ct);
        var finding = Assert.Single(
            InventoryComparison.Compare([new KnownInstance(created.Id, InstanceState.Running, created.Id, 1)], listed, LaneHost.InstallationId, LaneHost.ProviderId),
            f => f.Instance?.Id == created.Id);
        Assert.Equal(InventoryFindingKind.Drifted, finding.Kind);
        Assert.Equal(InstanceState.Stopped, InventoryComparison.ObservedState(finding.Machine!));
        await driver.DestroyInstanceAsync(created.Id, Ct);
    }

    [Fact]
    public async Task Disks_without_a_domain_are_this_providers_orphans_or_another_installations_and_destroy_removes_only_ours()
    {
        await using var driver = LaneHost.Open();
        var (ours, theirs) = (Guid.NewGuid(), Guid.NewGuid());
        var ourVolume = LibvirtNames.ForVolume(ours, LaneHost.ProviderId, LaneHost.InstallationId);
        var theirVolume = LibvirtNames.ForVolume(theirs, LaneHost.ProviderId, "another-installation");
        LaneHost.Virsh("vol-create-as", LaneHost.Pool, ourVolume, "16M", "--format", "raw");
        LaneHost.Virsh("vol-create-as", LaneHost.Pool, theirVolume, "16M", "--format", "raw");

        var findings = InventoryComparison.Compare([], await driver.ListInstancesAsync(Ct), LaneHost.InstallationId, LaneHost.ProviderId);

        Assert.Equal(InventoryFindingKind.Orphan, findings.Single(f => f.Machine!.Id == ours.ToString()).Kind);
        Assert.Equal(InventoryFindingKind.Foreign, findings.Single(f => f.Machine!.Id == theirs.ToString()).Kind);
        await driver.DestroyInstanceAsync(ours.ToString(), Ct); // what orphan policy destroy does
        Assert.DoesNotContain(ourVolume, LaneHost.PoolFiles());
        Assert.Contains(theirVolume, LaneHost.PoolFiles());
        LaneHost.Virsh("vol-delete", "--pool", LaneHost.Pool, theirVolume);
    }
}
