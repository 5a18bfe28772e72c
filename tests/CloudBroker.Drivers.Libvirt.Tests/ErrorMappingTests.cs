using System.Xml.Linq;
using CloudBroker.Drivers.Libvirt.Interop;

namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>libvirt's error codes become the driver error taxonomy, from the table and from real failing calls.</summary>
public sealed class ErrorMappingTests : LibvirtTestBase
{
    [Theory]
    [InlineData(42, DriverErrorKind.NotFound)] // VIR_ERR_NO_DOMAIN
    [InlineData(49, DriverErrorKind.NotFound)] // VIR_ERR_NO_STORAGE_POOL
    [InlineData(50, DriverErrorKind.NotFound)] // VIR_ERR_NO_STORAGE_VOL
    [InlineData(43, DriverErrorKind.NotFound)] // VIR_ERR_NO_NETWORK
    [InlineData(55, DriverErrorKind.Conflict)] // VIR_ERR_OPERATION_INVALID
    [InlineData(90, DriverErrorKind.Conflict)] // VIR_ERR_STORAGE_VOL_EXIST
    [InlineData(45, DriverErrorKind.Authentication)] // VIR_ERR_AUTH_FAILED
    [InlineData(88, DriverErrorKind.Authentication)] // VIR_ERR_ACCESS_DENIED
    [InlineData(27, DriverErrorKind.InvalidRequest)] // VIR_ERR_XML_ERROR
    [InlineData(92, DriverErrorKind.InvalidRequest)] // VIR_ERR_XML_INVALID_SCHEMA
    [InlineData(8, DriverErrorKind.InvalidRequest)] // VIR_ERR_INVALID_ARG
    [InlineData(67, DriverErrorKind.InvalidRequest)] // VIR_ERR_CONFIG_UNSUPPORTED
    [InlineData(5, DriverErrorKind.Unavailable)] // VIR_ERR_NO_CONNECT
    [InlineData(38, DriverErrorKind.Unavailable)] // VIR_ERR_SYSTEM_ERROR
    [InlineData(39, DriverErrorKind.Unavailable)] // VIR_ERR_RPC
    [InlineData(68, DriverErrorKind.Timeout)] // VIR_ERR_OPERATION_TIMEOUT
    [InlineData(1, DriverErrorKind.Unavailable)] // VIR_ERR_INTERNAL_ERROR
    [InlineData(9999, DriverErrorKind.Unavailable)] // newer than the table
    public void Codes_map_to_kinds(int code, DriverErrorKind kind) =>
        Assert.Equal(kind, LibvirtErrorKinds.Map((VirErrorCode)code));

    [Fact]
    public void Real_failures_carry_the_mapped_kind_and_the_libvirt_message()
    {
        var host = new HostView(Harness.Open());

        var noPool = Assert.Throws<DriverException>(() => host.Run(c => Connections.LookupPool(c, "no-such-pool")));
        var badXml = Assert.Throws<DriverException>(() => host.Run(c => Connections.DefineDomain(c, "<domain type='kvm'><bogus/></domain>")));
        var notRunning = Assert.Throws<DriverException>(() => host.Run(c =>
        {
            var xml = new XElement("domain", new XAttribute("type", "kvm"), new XElement("name", "idle"),
                new XElement("memory", 1024), new XElement("os", new XElement("type", "hvm")));
            using var domain = Connections.DefineDomain(c, xml.ToString());
            Domains.Destroy(domain);
            return true;
        }));

        Assert.Equal(DriverErrorKind.NotFound, noPool.Kind);
        Assert.Contains("no-such-pool", noPool.Message);
        Assert.Contains("libvirt error 49", noPool.Message);
        Assert.Contains("realm 'host-a'", noPool.Message);
        Assert.Equal(DriverErrorKind.InvalidRequest, badXml.Kind);
        Assert.Contains("libvirt error 92", badXml.Message);
        Assert.Equal(DriverErrorKind.Conflict, notRunning.Kind);
        Assert.Contains("libvirt error 55", notRunning.Message);
    }

    [Fact]
    public async Task A_host_that_cannot_be_opened_is_unavailable_and_shown_as_such()
    {
        var driver = Harness.OpenExactly(("Uris:0", TestHosts.Unreachable));

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.ListInstancesAsync(Ct));
        var realm = Assert.Single(await driver.ListRealmsAsync(Ct));

        Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
        Assert.Contains("virConnectOpen", ex.Message);
        Assert.Contains("libvirt error 38", ex.Message);
        Assert.False(realm.Available);
        var create = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(Specs.Small(), Ct));
        Assert.Equal(DriverErrorKind.Unavailable, create.Kind);
    }

    [Fact]
    public async Task An_instance_on_no_answering_realm_is_unavailable_not_gone()
    {
        var driver = Harness.OpenExactly([.. LibvirtHarness.OneRealm, ("Uris:1:Uri", TestHosts.Unreachable), ("Uris:1:Realm", "down")]);
        var created = await driver.CreateInstanceAsync(Specs.Small(), Ct);

        var unknown = await Assert.ThrowsAsync<DriverException>(() => driver.GetInstanceAsync(Guid.NewGuid().ToString(), Ct));

        Assert.Equal(DriverErrorKind.Unavailable, unknown.Kind);
        Assert.Equal(created.Id, (await GetAsync(driver, created.Id)).Id);
    }

    [Fact]
    public async Task A_missing_network_or_pool_names_what_is_missing()
    {
        var noNetwork = Harness.Open(("Network", "nowhere"));
        var noPool = Harness.Open(("StoragePool", "nothing"));

        var network = await Assert.ThrowsAsync<DriverException>(() => noNetwork.CreateInstanceAsync(Specs.Small(), Ct));
        var pool = await Assert.ThrowsAsync<DriverException>(() => noPool.CreateInstanceAsync(Specs.Small(), Ct));

        Assert.Equal((DriverErrorKind.NotFound, DriverErrorKind.NotFound), (network.Kind, pool.Kind));
        Assert.Contains("nowhere", network.Message);
        Assert.Contains("nothing", pool.Message);
    }

    [Fact]
    public async Task An_image_larger_than_the_requested_disk_is_refused()
    {
        var driver = Harness.Open(("HardwareProfiles:tiny:Cpu", "1"), ("HardwareProfiles:tiny:MemoryMiB", "512"), ("HardwareProfiles:tiny:StorageGiB", "1"));
        var spec = Specs.Small() with { HardwareProfileId = "tiny", MemoryMiB = 512, StorageGiB = 1 };

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(spec, Ct));

        Assert.Equal(DriverErrorKind.InvalidRequest, ex.Kind);
        Assert.Contains("at least 2 GiB", ex.Message);
        Assert.Empty(new HostView(driver).InstanceVolumes());
    }
}
