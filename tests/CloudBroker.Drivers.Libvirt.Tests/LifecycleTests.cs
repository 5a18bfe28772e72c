using CloudBroker.Drivers.Libvirt.Interop;

namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>Create, retry, start, reboot and destroy as libvirt sees them.</summary>
public sealed class LifecycleTests : LibvirtTestBase
{
    [Fact]
    public async Task Create_defines_and_starts_the_domain_on_its_own_volume()
    {
        var driver = Harness.Open();

        var created = await driver.CreateInstanceAsync(Specs.Small(), Ct);

        var host = new HostView(driver);
        Assert.Equal((DriverInstanceState.Running, "running"), (created.State, created.NativeState));
        Assert.Equal(VirDomainState.Running, host.State(created.Id).State);
        Assert.Equal([LibvirtHarness.VolumeOf(created.Id)], host.InstanceVolumes());
        Assert.Equal("host-a", created.RealmId);
        Assert.Equal((Specs.Debian, "small"), (created.ImageId, created.HardwareProfileId));
        Assert.NotEmpty(created.Addresses);
    }

    [Fact]
    public async Task A_retried_create_returns_the_same_domain_and_makes_nothing_twice()
    {
        var driver = Harness.Open();
        var spec = Specs.Small();

        var first = await driver.CreateInstanceAsync(spec, Ct);
        var second = await driver.CreateInstanceAsync(spec with { IdempotencyToken = "another-attempt" }, Ct);

        var host = new HostView(driver);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal([Guid.Parse(spec.InstanceId)], host.DomainUuids());
        Assert.Equal([LibvirtHarness.VolumeOf(spec.InstanceId)], host.InstanceVolumes());
    }

    [Fact]
    public async Task A_retry_after_a_create_that_died_with_only_its_volume_made_reuses_that_volume()
    {
        var driver = Harness.Open();
        var spec = Specs.Small();
        var host = new HostView(driver);
        host.Run(connection =>
        {
            using var pool = Connections.LookupPool(connection, "default");
            using var volume = StoragePools.CreateVolume(pool, Xml.VolumeXml.Write(LibvirtHarness.VolumeOf(spec.InstanceId), 10UL << 30, "qcow2"));
            return true;
        });

        var created = await driver.CreateInstanceAsync(spec, Ct);

        Assert.Equal(DriverInstanceState.Running, created.State);
        Assert.Equal([LibvirtHarness.VolumeOf(spec.InstanceId)], host.InstanceVolumes());
    }

    [Fact]
    public async Task A_retry_finds_a_domain_an_earlier_attempt_defined_but_did_not_start_and_starts_it()
    {
        var driver = Harness.Open();
        var spec = Specs.Small();
        var created = await driver.CreateInstanceAsync(spec, Ct);
        new HostView(driver).OnDomain(created.Id, domain =>
        {
            Domains.Destroy(domain);
            return true;
        });

        var again = await driver.CreateInstanceAsync(spec, Ct);

        Assert.Equal((created.Id, DriverInstanceState.Running), (again.Id, again.State));
    }

    [Fact]
    public async Task Destroy_removes_the_domain_and_its_volume_but_not_the_image()
    {
        var driver = Harness.Open();
        var created = await driver.CreateInstanceAsync(Specs.Small(), Ct);

        await driver.DestroyInstanceAsync(created.Id, Ct);

        var host = new HostView(driver);
        Assert.Null(await driver.GetInstanceAsync(created.Id, Ct));
        Assert.Empty(host.DomainUuids());
        Assert.Empty(host.InstanceVolumes());
        Assert.Contains("debian-12.qcow2", host.VolumeNames());
    }

    [Fact]
    public async Task Destroy_of_a_stopped_instance_undefines_it_and_removes_its_volume()
    {
        var driver = Harness.Open();
        var created = await driver.CreateInstanceAsync(Specs.Small(), Ct);
        await driver.StopInstanceAsync(created.Id, Ct);

        await driver.DestroyInstanceAsync(created.Id, Ct);

        Assert.Empty(new HostView(driver).DomainUuids());
        Assert.Empty(new HostView(driver).InstanceVolumes());
    }

    [Fact]
    public async Task Destroy_removes_a_domain_with_a_managed_save_image_which_a_plain_undefine_refuses()
    {
        var driver = Harness.Open();
        var created = await driver.CreateInstanceAsync(Specs.Small(), Ct);
        var host = new HostView(driver);
        Assert.Equal(1, host.OnDomain(created.Id, domain =>
        {
            using (var call = LibvirtCall.Start(nameof(TestNativeMethods.virDomainManagedSave)))
            {
                call.Check(TestNativeMethods.virDomainManagedSave(domain, 0));
            }

            return TestNativeMethods.virDomainHasManagedSaveImage(domain, 0);
        }));

        await driver.DestroyInstanceAsync(created.Id, Ct);

        Assert.Empty(host.DomainUuids());
        Assert.Empty(host.InstanceVolumes());
    }

    [Fact]
    public async Task Destroy_of_an_id_without_domain_removes_a_volume_a_failed_create_left()
    {
        var driver = Harness.Open();
        var orphan = Guid.NewGuid();
        var host = new HostView(driver);
        host.Run(connection =>
        {
            using var pool = Connections.LookupPool(connection, "default");
            using var volume = StoragePools.CreateVolume(pool, Xml.VolumeXml.Write(LibvirtHarness.VolumeOf(orphan), 1UL << 30, "qcow2"));
            return true;
        });

        await driver.DestroyInstanceAsync(orphan.ToString(), Ct);

        Assert.Empty(host.InstanceVolumes());
    }

    [Fact]
    public async Task Start_of_a_running_instance_and_reboot_of_a_stopped_one_are_conflicts()
    {
        var driver = Harness.Open();
        var created = await driver.CreateInstanceAsync(Specs.Small(), Ct);

        var start = await Assert.ThrowsAsync<DriverException>(() => driver.StartInstanceAsync(created.Id, Ct));
        await driver.StopInstanceAsync(created.Id, Ct);
        var reboot = await Assert.ThrowsAsync<DriverException>(() => driver.RebootInstanceAsync(created.Id, Ct));
        var stop = await Assert.ThrowsAsync<DriverException>(() => driver.StopInstanceAsync(created.Id, Ct));

        Assert.Equal((DriverErrorKind.Conflict, DriverErrorKind.Conflict, DriverErrorKind.Conflict), (start.Kind, reboot.Kind, stop.Kind));
    }

    [Fact]
    public async Task Instances_are_found_in_whichever_realm_has_them()
    {
        var driver = Harness.OpenExactly(LibvirtHarness.TwoRealms);

        var onB = await driver.CreateInstanceAsync(Specs.Small(realmId: "host-b") with { ImageId = "ubuntu-24-04-qcow2" }, Ct);
        var unplaced = await driver.CreateInstanceAsync(Specs.Small(), Ct);
        await driver.StopInstanceAsync(onB.Id, Ct);

        Assert.Equal(("host-b", "host-a"), (onB.RealmId, unplaced.RealmId));
        Assert.Equal(DriverInstanceState.Stopped, (await GetAsync(driver, onB.Id)).State);
        Assert.Equal([Guid.Parse(onB.Id)], new HostView(driver, "host-b").DomainUuids());
        await driver.DestroyInstanceAsync(onB.Id, Ct);
        Assert.Empty(new HostView(driver, "host-b").InstanceVolumes());
        var missing = await Assert.ThrowsAsync<DriverException>(
            () => driver.CreateInstanceAsync(Specs.Small(realmId: "host-a") with { ImageId = "ubuntu-24-04-qcow2" }, Ct));
        Assert.Equal(DriverErrorKind.InvalidRequest, missing.Kind);
    }
}
