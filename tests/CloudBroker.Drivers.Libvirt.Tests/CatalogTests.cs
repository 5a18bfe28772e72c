namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>Images from the pool or from settings, and the capabilities the driver declares.</summary>
public sealed class CatalogTests : LibvirtTestBase
{
    [Fact]
    public async Task Images_are_the_pool_volumes_of_every_realm_without_instance_disks()
    {
        var driver = Harness.OpenExactly(LibvirtHarness.TwoRealms);
        await driver.CreateInstanceAsync(Specs.Small(), Ct);

        var images = await driver.ListImagesAsync(Ct);

        Assert.Equal(["alpine-3-20-img", "debian-12-qcow2", "ubuntu-24-04-qcow2"], images.Select(i => i.Id));
        Assert.Equal("debian-12.qcow2", images[1].Name);
        Assert.All(images, i => Assert.Equal("x86_64", i.Architecture));
    }

    [Fact]
    public async Task Configured_images_are_the_whole_catalog()
    {
        var driver = Harness.Open(
            ("Images:debian:Volume", "debian-12.qcow2"), ("Images:debian:Name", "Debian 12"),
            ("Images:arm:Volume", "debian-12.qcow2"), ("Images:arm:Architecture", "aarch64"));

        var images = await driver.ListImagesAsync(Ct);
        var created = await driver.CreateInstanceAsync(Specs.Small() with { ImageId = "debian" }, Ct);
        var unlisted = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(Specs.Small(), Ct));

        Assert.Equal(["arm", "debian"], images.Select(i => i.Id).Order());
        Assert.Equal(("Debian 12", "x86_64"), (images.Single(i => i.Id == "debian").Name, images.Single(i => i.Id == "debian").Architecture));
        Assert.Equal("aarch64", images.Single(i => i.Id == "arm").Architecture);
        Assert.Equal("debian", created.ImageId);
        Assert.Equal(DriverErrorKind.InvalidRequest, unlisted.Kind);
    }

    [Fact]
    public async Task A_configured_image_whose_volume_is_missing_is_refused_without_leftovers()
    {
        var driver = Harness.Open(("Images:gone:Volume", "gone.qcow2"));

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(Specs.Small() with { ImageId = "gone" }, Ct));

        Assert.Equal(DriverErrorKind.InvalidRequest, ex.Kind);
        Assert.Contains("gone.qcow2", ex.Message);
        Assert.Empty(new HostView(driver).InstanceVolumes());
    }

    [Fact]
    public async Task The_driver_declares_what_it_does_and_refuses_user_data_and_keys()
    {
        var driver = Harness.Open();

        var userData = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(Specs.Small() with { UserData = "#cloud-config" }, Ct));
        var key = await Assert.ThrowsAsync<DriverException>(
            () => driver.CreateInstanceAsync(Specs.Small() with { SshKey = new SshPublicKey("me", "ssh-ed25519 AAAA me") }, Ct));

        Assert.Equal(
            [Capability.Capacity, Capability.ProfileRanges, Capability.RealmChoice, Capability.Reboot, Capability.StartStop],
            driver.Capabilities.Order(StringComparer.Ordinal));
        Assert.Equal((DriverErrorKind.InvalidRequest, DriverErrorKind.InvalidRequest), (userData.Kind, key.Kind));
        Assert.Contains(Capability.UserData, userData.Message);
        Assert.Contains(Capability.SshKey, key.Message);
        Assert.Empty(new HostView(driver).DomainUuids());
    }

    [Fact]
    public async Task Test_default_is_shared_by_the_whole_process_so_only_this_test_uses_it()
    {
        // test:///default holds libvirt's built-in host (one running domain "test", pool "default-pool"); every
        // connection of the process sees the same state, so it is only read here, never changed.
        var driver = Harness.OpenExactly(("Uris:0", "test:///default"));

        var realm = Assert.Single(await driver.ListRealmsAsync(Ct));
        var builtIn = Assert.Single(await driver.ListInstancesAsync(Ct));

        Assert.Equal(("local", true), (realm.Id, realm.Available));
        Assert.Equal(("test", DriverInstanceState.Running), (builtIn.Name, builtIn.State));
        Assert.Empty(builtIn.Tags);
    }
}
