using Microsoft.Extensions.Configuration;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>
/// An SSH identity of configuration (<c>CloudBroker:Drivers:libvirt:SshIdentities:&lt;name&gt;</c>): the private key the
/// broker signs in with and the known-hosts file every host key is checked against. A provider names it with
/// <c>SshIdentity</c>, so one defined through the API reaches its hosts over SSH without naming a file of the broker's host.
/// </summary>
internal sealed record LibvirtSshIdentity(string Name, string KeyFile, string KnownHostsFile)
{
    public const string Section = "SshIdentities";

    /// <summary>The identity <paramref name="name"/> names (none: <c>null</c>); a missing one or a missing file setting is an error.</summary>
    public static LibvirtSshIdentity? Resolve(string? name, IConfiguration driverSettings, List<string> errors)
    {
        if (name is null)
        {
            return null;
        }

        var section = driverSettings.GetSection($"{Section}:{name}");
        var keyFile = section["KeyFile"];
        var knownHosts = section["KnownHostsFile"];
        if (string.IsNullOrWhiteSpace(keyFile) || string.IsNullOrWhiteSpace(knownHosts))
        {
            errors.Add($"SshIdentity '{name}' is not defined: an operator defines CloudBroker:Drivers:libvirt:{Section}:{name}:KeyFile " +
                "and …:KnownHostsFile (the private key and the known-hosts file host keys are checked against)");
            return null;
        }

        return new LibvirtSshIdentity(name, keyFile, knownHosts);
    }

    /// <summary>
    /// The URI libvirt opens for an ssh URI written without parameters: its libssh transport (the same server side as
    /// the OpenSSH binary, which cannot be given a known-hosts file by URI) signing in with this key only and refusing
    /// hosts whose key the known-hosts file does not hold.
    /// </summary>
    public string Apply(string user, string hostAndPort) =>
        $"qemu+libssh://{user}{hostAndPort}/system?keyfile={Uri.EscapeDataString(KeyFile)}&known_hosts={Uri.EscapeDataString(KnownHostsFile)}" +
        "&known_hosts_verify=normal&sshauth=privkey";
}
