namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>
/// What a libvirt provider declares it reaches (<see cref="ICloudDriverFactory.DescribeEndpoint"/>): one key per daemon,
/// so the core refuses a second provider on a host another already has, however its URI is spelt.
/// </summary>
public sealed class EndpointTests : LibvirtTestBase
{
    [Theory]
    [InlineData("qemu:///system", "qemu+unix:///system")]
    [InlineData("qemu:///system", "qemu+ssh://localhost/system")]
    [InlineData("qemu+ssh://root@kvm1.example.com:2222/system?keyfile=/k&no_verify=1", "qemu+tls://KVM1.example.com/system/")]
    [InlineData("qemu:///session", "qemu+unix:///session?mode=direct")]
    [InlineData("test:///default", "test:///default")]
    public void Spellings_of_one_daemon_are_one_key(string uri, string other) =>
        Assert.Equal(Describe(uri).Keys, Describe(other).Keys);

    [Theory]
    [InlineData("qemu:///system", "qemu:///session")]
    [InlineData("qemu+ssh://kvm1/system", "qemu+ssh://kvm2/system")]
    [InlineData("qemu+ssh://alice@kvm1/session", "qemu+ssh://bob@kvm1/session")]
    [InlineData("qemu:///system?socket=/run/a/libvirt-sock", "qemu:///system?socket=/run/b/libvirt-sock")]
    [InlineData("test:///default", "test:///srv/node.xml")]
    [InlineData("qemu:///system", "xen:///system")]
    public void Different_daemons_are_different_keys(string uri, string other) =>
        Assert.Empty(Describe(uri).Keys.Intersect(Describe(other).Keys));

    [Fact]
    public void Each_realm_is_a_key_and_nothing_is_only_possibly_shared()
    {
        var endpoint = new LibvirtDriverFactory().DescribeEndpoint(Harness.Context(("Uris:0", "qemu+ssh://kvm1/system"), ("Uris:1", "qemu+ssh://kvm2/system")));

        Assert.Equal(["libvirt qemu://kvm1/system", "libvirt qemu://kvm2/system"], endpoint.Keys);
        Assert.Empty(endpoint.PossibleKeys);
    }

    [Fact]
    public void Settings_that_open_no_driver_describe_no_endpoint_either()
    {
        var ex = Assert.Throws<DriverException>(() => new LibvirtDriverFactory().DescribeEndpoint(Harness.Context(("Uris:0", "not a uri"))));

        Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
    }

    private ProviderEndpoint Describe(string uri) => new LibvirtDriverFactory().DescribeEndpoint(Harness.Context(("Uris:0", uri)));
}
