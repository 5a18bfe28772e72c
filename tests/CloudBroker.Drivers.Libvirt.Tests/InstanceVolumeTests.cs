namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>
/// Instance disks are named with their provider and installation, so a disk left without a domain is listed as a
/// machine in error that says whose it is: this provider's is removed by destroy; another's is never touched.
/// </summary>
public sealed class InstanceVolumeTests : LibvirtTestBase
{
    [Fact]
    public async Task The_disk_has_the_size_asked_and_its_name_says_whose_it_is()
    {
        var driver = Harness.Open();
        var created = await driver.CreateInstanceAsync(Specs.Small() with { StorageGiB = 10 }, Ct);

        var name = Assert.Single(new HostView(driver).InstanceVolumes());
        Assert.Equal($"cb-{created.Id}.{LibvirtHarness.ProviderId}.{LibvirtHarness.InstallationId}", name);
        Assert.Equal(10UL << 30, new HostView(driver).Volume(name).Capacity);
    }

    [Fact]
    public async Task Images_say_the_smallest_disk_they_fit_on()
    {
        var images = await Harness.Open().ListImagesAsync(Ct);

        Assert.Equal(2, images.Single(i => i.Id == Specs.Debian).MinStorageGiB); // a 2 GiB volume
        Assert.Equal(1, images.Single(i => i.Id == "alpine-3-20-img").MinStorageGiB); // 512 MiB, rounded up
    }

    [Fact]
    public async Task A_disk_without_a_domain_is_listed_in_error_with_the_owner_its_name_says()
    {
        var driver = Harness.Open();
        var ours = Guid.NewGuid();
        var foreign = Guid.NewGuid();
        var host = new HostView(driver);
        host.AddVolume(LibvirtHarness.VolumeOf(ours), 1UL << 30);
        host.AddVolume(LibvirtNames.ForVolume(foreign, "kvm", "another-installation"), 1UL << 30);
        var running = await driver.CreateInstanceAsync(Specs.Small(), Ct);

        var listed = await driver.ListInstancesAsync(Ct);

        Assert.Equal(DriverInstanceState.Running, listed.Single(i => i.Id == running.Id).State);
        var leftover = listed.Single(i => i.Id == ours.ToString());
        Assert.Equal((DriverInstanceState.Error, InstanceVolumes.LeftoverState), (leftover.State, leftover.NativeState));
        Assert.Equal(LibvirtHarness.InstallationId, leftover.Tags[BrokerTags.InstallationId]);
        Assert.Equal(LibvirtHarness.ProviderId, leftover.Tags[BrokerTags.ProviderId]);
        Assert.Equal(ours.ToString(), leftover.Tags[BrokerTags.InstanceId]);
        Assert.Equal("another-installation", listed.Single(i => i.Id == foreign.ToString()).Tags[BrokerTags.InstallationId]);
        Assert.Equal(3, listed.Count);
    }

    [Fact]
    public async Task Destroy_removes_this_providers_leftover_disk_and_never_another_installations()
    {
        var driver = Harness.Open();
        var id = Guid.NewGuid();
        var host = new HostView(driver);
        var theirs = LibvirtNames.ForVolume(id, LibvirtHarness.ProviderId, "another-installation");
        host.AddVolume(LibvirtHarness.VolumeOf(id), 1UL << 30);
        host.AddVolume(theirs, 1UL << 30);

        await driver.DestroyInstanceAsync(id.ToString(), Ct);

        Assert.Equal([theirs], host.InstanceVolumes());
    }
}
