namespace CloudBroker.Drivers.Libvirt;

/// <summary>
/// The daemon a libvirt URI reaches, as one comparable key: two URIs that differ only in transport or its options
/// (<c>qemu+ssh://root@kvm1:22/system?keyfile=…</c> and <c>qemu+tls://KVM1/system</c>) reach the same domains.
/// </summary>
internal static class LibvirtEndpoints
{
    private static readonly string[] LocalHosts = ["", "localhost", "127.0.0.1", "::1", "[::1]"];

    /// <summary>
    /// <c>libvirt &lt;hypervisor&gt;://[user@]host/path[?socket=…]</c>: the transport, port and its options are dropped; a
    /// local host is written empty; the user is kept for <c>/session</c> (one daemon per user) and the socket (one daemon
    /// per socket).
    /// </summary>
    public static ProviderEndpoint Of(IEnumerable<RealmAddress> realms) =>
        new([.. realms.Select(r => Key(r.Uri)).Distinct(StringComparer.Ordinal)], []);

    public static string Key(string uri)
    {
        var parsed = new Uri(uri, UriKind.Absolute);
        var hypervisor = parsed.Scheme.Split('+')[0].ToLowerInvariant();
        var host = parsed.Host.ToLowerInvariant().TrimEnd('.');
        host = LocalHosts.Contains(host, StringComparer.Ordinal) ? "" : host;
        var path = Uri.UnescapeDataString(parsed.AbsolutePath).TrimEnd('/');
        var user = path == "/session" && parsed.UserInfo.Length > 0 ? parsed.UserInfo.Split(':')[0] + "@" : "";
        var socket = parsed.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2 && p[0].Equals("socket", StringComparison.OrdinalIgnoreCase))
            .Select(p => "?socket=" + Uri.UnescapeDataString(p[1]))
            .LastOrDefault() ?? "";
        return $"libvirt {hypervisor}://{user}{host}{path}{socket}";
    }
}
