namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>The node files shipped with the tests, as libvirt test-driver URIs (private state per open).</summary>
internal static class TestHosts
{
    public static string HostA => Uri("host-a.xml");

    public static string HostB => Uri("host-b.xml");

    /// <summary>A host whose daemon is not there: opening it fails like a dead or unreachable libvirtd.</summary>
    public const string Unreachable = "qemu:///system?socket=/nonexistent/cloudbroker-test/libvirt-sock";

    public static string Uri(string file) => "test://" + Path.Combine(AppContext.BaseDirectory, "nodes", file);
}
