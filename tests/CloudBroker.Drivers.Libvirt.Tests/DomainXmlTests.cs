using System.Xml.Linq;

namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>The domain a create defines, read back from libvirt (virDomainGetXMLDesc), as a real QEMU host needs it.</summary>
public sealed class DomainXmlTests : LibvirtTestBase
{
    private static readonly XNamespace Broker = "https://cloudbroker.dev/xmlns/libvirt/1";

    [Fact]
    public async Task The_domain_carries_the_instance_identity_disk_and_nic()
    {
        var driver = Harness.Open();
        var spec = Specs.Small("web-1");

        var created = await driver.CreateInstanceAsync(spec, Ct);

        var xml = new HostView(driver).DomainXml(created.Id);
        Assert.Equal(spec.InstanceId, created.Id);
        Assert.Equal("kvm", (string?)xml.Attribute("type"));
        Assert.Equal(spec.InstanceId, (string?)xml.Element("uuid"));
        Assert.Equal($"cb-{spec.InstanceId}", (string?)xml.Element("name"));
        Assert.Equal("web-1", (string?)xml.Element("title"));
        Assert.Equal(1024 * 1024, (int?)xml.Element("memory"));
        Assert.Equal(1, (int?)xml.Element("vcpu"));
        Assert.NotNull(xml.Element("features")?.Element("acpi"));

        var identity = xml.Element("metadata")?.Element(Broker + "instance");
        Assert.NotNull(identity);
        Assert.Equal(LibvirtHarness.InstallationId, (string?)identity.Element(Broker + "installation-id"));
        Assert.Equal(LibvirtHarness.ProviderId, (string?)identity.Element(Broker + "provider-id"));
        Assert.Equal(spec.InstanceId, (string?)identity.Element(Broker + "instance-id"));
        Assert.Empty(identity.Elements(Broker + "tag")); // the broker's own tags each have their element

        var disk = Assert.Single(xml.Element("devices")!.Elements("disk"));
        Assert.Equal("volume", (string?)disk.Attribute("type"));
        Assert.Equal(("default", LibvirtHarness.VolumeOf(spec.InstanceId)), ((string?)disk.Element("source")?.Attribute("pool"), (string?)disk.Element("source")?.Attribute("volume")));
        Assert.Equal("qcow2", (string?)disk.Element("driver")?.Attribute("type"));
        var nic = Assert.Single(xml.Element("devices")!.Elements("interface"));
        Assert.Equal(("network", "default"), ((string?)nic.Attribute("type"), (string?)nic.Element("source")?.Attribute("network")));

        Assert.Empty(xml.Descendants("seclabel"));
    }

    [Fact]
    public async Task The_disk_is_a_clone_of_the_image_volume_with_the_requested_size()
    {
        var driver = Harness.Open(("HardwareProfiles:big:Cpu", "2"), ("HardwareProfiles:big:MemoryMiB", "2048"), ("HardwareProfiles:big:StorageGiB", "20..40 step 10"));
        var spec = Specs.Small() with { ImageId = "alpine-3-20-img", HardwareProfileId = "big", Cpu = 2, MemoryMiB = 2048, StorageGiB = 30 };

        var created = await driver.CreateInstanceAsync(spec, Ct);

        var host = new HostView(driver);
        Assert.Contains(LibvirtHarness.VolumeOf(created.Id), host.VolumeNames());
        var volume = host.Volume(LibvirtHarness.VolumeOf(created.Id));
        Assert.Equal(30UL << 30, volume.Capacity);
        Assert.Equal("raw", volume.Format);
        Assert.Equal("raw", (string?)host.DomainXml(created.Id).Element("devices")!.Element("disk")!.Element("driver")!.Attribute("type"));
        Assert.Equal(2, (int?)host.DomainXml(created.Id).Element("vcpu"));
    }

    [Theory]
    [InlineData("kvm")]
    [InlineData("qemu")]
    public async Task The_domain_type_comes_from_the_settings(string type)
    {
        var driver = Harness.Open(("DomainType", type));

        var created = await driver.CreateInstanceAsync(Specs.Small(), Ct);

        Assert.Equal(type, (string?)new HostView(driver).DomainXml(created.Id).Attribute("type"));
    }

    [Fact]
    public async Task Pool_and_network_come_from_the_settings()
    {
        var driver = Harness.Open(("StoragePool", "fast"), ("Network", "isolated"));
        var spec = Specs.Small() with { ImageId = "fedora-41-qcow2" };

        var created = await driver.CreateInstanceAsync(spec, Ct);

        var host = new HostView(driver);
        var devices = host.DomainXml(created.Id).Element("devices")!;
        Assert.Equal("fast", (string?)devices.Element("disk")!.Element("source")!.Attribute("pool"));
        Assert.Equal("isolated", (string?)devices.Element("interface")!.Element("source")!.Attribute("network"));
        Assert.Equal([LibvirtHarness.VolumeOf(created.Id)], host.InstanceVolumes("fast"));
        Assert.Empty(host.InstanceVolumes("default"));
    }

    [Fact]
    public async Task A_configured_image_without_volume_gets_an_empty_disk_and_may_boot_a_kernel()
    {
        var driver = Harness.Open(
            ("Images:tiny:Name", "Tiny Linux"), ("Images:tiny:Kernel", "/var/lib/cloudbroker/vmlinuz"),
            ("Images:tiny:Initrd", "/var/lib/cloudbroker/initrd.img"), ("Images:tiny:Cmdline", "console=ttyS0 quiet"),
            ("VolumeFormat", "raw"));

        var created = await driver.CreateInstanceAsync(Specs.Small() with { ImageId = "tiny" }, Ct);

        var host = new HostView(driver);
        var os = host.DomainXml(created.Id).Element("os")!;
        Assert.Equal("/var/lib/cloudbroker/vmlinuz", (string?)os.Element("kernel"));
        Assert.Equal("/var/lib/cloudbroker/initrd.img", (string?)os.Element("initrd"));
        Assert.Equal("console=ttyS0 quiet", (string?)os.Element("cmdline"));
        var volume = host.Volume(LibvirtHarness.VolumeOf(created.Id));
        Assert.Equal((10UL << 30, "raw"), (volume.Capacity, volume.Format));
    }
}
