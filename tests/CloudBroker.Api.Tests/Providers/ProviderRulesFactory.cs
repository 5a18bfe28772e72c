using CloudBroker.Api.Tests.Infrastructure;

namespace CloudBroker.Api.Tests.Providers;

/// <summary>
/// The API with the endpoint policy at its defaults (any host but link-local, metadata and the broker's own) and the
/// host resources an operator names in configuration for providers defined through the API to refer to: a libvirt
/// boot image and SSH identity, and an Azure trust bundle.
/// </summary>
public sealed class ProviderRulesFactory : ApiFactory
{
    public const string BootKernel = "/var/lib/cloudbroker/boot/vmlinuz-6.1";

    public const string SshKeyFile = "/etc/cloudbroker/ssh/id_ed25519";

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["CloudBroker:ProviderStore:TestTimeout"] = "00:00:02";
        settings["CloudBroker:Drivers:libvirt:BootImages:direct:Kernel"] = BootKernel;
        settings["CloudBroker:Drivers:libvirt:BootImages:direct:Initrd"] = "/var/lib/cloudbroker/boot/initrd-6.1";
        settings["CloudBroker:Drivers:libvirt:BootImages:direct:Cmdline"] = "console=ttyS0";
        settings["CloudBroker:Drivers:libvirt:SshIdentities:ops:KeyFile"] = SshKeyFile;
        settings["CloudBroker:Drivers:libvirt:SshIdentities:ops:KnownHostsFile"] = "/etc/cloudbroker/ssh/known_hosts";
    }
}
