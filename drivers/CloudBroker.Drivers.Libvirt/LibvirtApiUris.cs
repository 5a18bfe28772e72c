using System.Text.RegularExpressions;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>
/// The libvirt URIs a provider defined through the API may name: a remote host's system daemon over TLS or SSH,
/// written without parameters, and libvirt's in-process <c>test:///default</c>, which touches nothing of the host.
/// Everything else reaches the broker's own host: the <c>ext</c> transport runs a program, <c>unix</c> sockets and
/// <c>qemu:///system</c> are its local daemon, <c>test:///&lt;path&gt;</c> reads a node file, and every URI parameter
/// (<c>command</c>, <c>socket</c>, <c>netcat</c>, <c>keyfile</c>, <c>known_hosts</c>, <c>known_hosts_verify</c>,
/// <c>no_verify</c>, <c>no_tty</c>, <c>pkipath</c>, …) names a program or a file of the host or turns a check off.
/// A URI is matched whole by one strict pattern, so libvirt's parser and ours cannot read it differently.
/// </summary>
internal static partial class LibvirtApiUris
{
    public const string TestDefault = "test:///default";

    /// <summary>Transports that sign in with an SSH identity of configuration (<c>SshIdentity</c>).</summary>
    public static readonly IReadOnlyList<string> SshTransports = ["qemu+ssh", "qemu+libssh"];

    private const string Forms = "qemu+tls://host[:port]/system, qemu+ssh://user@host[:port]/system (or qemu+libssh://…) with SshIdentity, or test:///default";

    private static readonly string[] Transports = ["qemu+tls", .. SshTransports];

    /// <summary>Judges one URI: accepted with the host it connects to, or refused saying why and what to use.</summary>
    public static SettingVerdict Judge(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri == TestDefault)
        {
            return SettingVerdict.Accepted;
        }

        var match = Allowed().Match(uri);
        if (!match.Success)
        {
            return SettingVerdict.Refused($"'{uri}' {Why(uri)}; a provider defined through the API may name {Forms}");
        }

        var scheme = match.Groups["scheme"].Value;
        if (!Transports.Contains(scheme, StringComparer.Ordinal))
        {
            return SettingVerdict.Refused($"'{uri}' {Why(uri)}; a provider defined through the API may name {Forms}");
        }

        return match.Groups["user"].Success && !SshTransports.Contains(scheme, StringComparer.Ordinal)
            ? SettingVerdict.Refused($"'{uri}': only ssh URIs name a user; a provider defined through the API may name {Forms}")
            : SettingVerdict.Connects(match.Groups["host"].Value);
    }

    /// <summary>Judges a comma-separated list of URIs (<c>Uris=a, b</c>): the first refusal, or every host.</summary>
    public static SettingVerdict JudgeList(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var verdicts = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Judge).ToList();
        return verdicts.FirstOrDefault(v => v.Refusal is not null) ?? SettingVerdict.Connects([.. verdicts.SelectMany(v => v.Hosts)]);
    }

    /// <summary>The URI's parts (a URI <see cref="Judge"/> accepted): transport, user and host with port.</summary>
    public static (string Scheme, string? User, string HostAndPort) Parts(string uri)
    {
        var match = Allowed().Match(uri);
        var port = match.Groups["port"].Success ? ":" + match.Groups["port"].Value : "";
        return (match.Groups["scheme"].Value, match.Groups["user"].Success ? match.Groups["user"].Value : null, match.Groups["host"].Value + port);
    }

    private static string Why(string uri)
    {
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return "is not a libvirt URI";
        }

        var scheme = uri[..schemeEnd].ToLowerInvariant();
        var query = uri.IndexOf('?', StringComparison.Ordinal);
        var reasons = new List<string>();
        var transport = scheme switch
        {
            _ when scheme.EndsWith("+ext", StringComparison.Ordinal) => "uses the ext transport, which runs a program on the broker's host",
            _ when scheme.EndsWith("+unix", StringComparison.Ordinal) => "uses a unix socket of the broker's host",
            _ when scheme.EndsWith("+tcp", StringComparison.Ordinal) => "uses the tcp transport, which is neither encrypted nor authenticated (use qemu+tls)",
            "test" => "reads a node file of the broker's host (only test:///default is in-process)",
            _ when uri.AsSpan(schemeEnd + 3).StartsWith("/") => "reaches the libvirt daemon of the broker's own host, which only a provider of configuration may use",
            _ when !scheme.StartsWith("qemu", StringComparison.Ordinal) => "is not a qemu or test URI",
            _ => null,
        };
        if (transport is not null)
        {
            reasons.Add(transport);
        }

        if (query >= 0)
        {
            var names = uri[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => Uri.UnescapeDataString(p.Split('=')[0])).Distinct(StringComparer.Ordinal);
            reasons.Add($"carries the parameters {string.Join(", ", names)}: libvirt URI parameters name programs and files of the " +
                "broker's host or turn checks off, so only configuration may set them (an SSH key and known-hosts file are named by SshIdentity)");
        }

        return reasons.Count > 0 ? string.Join(" and ", reasons) : "is not of an allowed form";
    }

    [GeneratedRegex("^(?<scheme>[a-z][a-z0-9+]*)://(?:(?<user>[a-z_][a-z0-9_.-]{0,31})@)?(?<host>[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])(?::(?<port>[0-9]{1,5}))?/system\\z")]
    private static partial Regex Allowed();
}
