using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace CloudBroker.Drivers;

/// <summary>
/// Where a provider defined through the API may connect. A host is allowed when an entry of the allow-list names it
/// (<c>*</c>: any host; a name; <c>*.example.com</c>: the names under a domain; an address; a CIDR range) and it is
/// no address of a refused range — link-local and the clouds' metadata services, the broker's own host, and what
/// configuration adds — unless the allow-list names that address or a narrower range around it (the most specific
/// entry decides). Settings are judged as
/// written (<see cref="RefuseHost"/>); when connecting, every address a name resolves to is judged again
/// (<see cref="ConnectAsync"/>, <see cref="RefuseResolved"/>), so a name that later resolves elsewhere (DNS
/// rebinding) reaches nothing refused.
/// </summary>
public sealed partial class EndpointPolicy
{
    private const string AllowKey = "CloudBroker:ProviderEndpoints:Allow";

    private readonly bool _unrestricted;
    private readonly bool _anyHost;
    private readonly HashSet<string> _names;
    private readonly string[] _domains;
    private readonly IPNetwork[] _allowedRanges;
    private readonly IPNetwork[] _refusedRanges;

    private EndpointPolicy(bool unrestricted, bool anyHost, HashSet<string> names, string[] domains, IPNetwork[] allowedRanges, IPNetwork[] refusedRanges)
    {
        _unrestricted = unrestricted;
        _anyHost = anyHost;
        _names = names;
        _domains = domains;
        _allowedRanges = allowedRanges;
        _refusedRanges = refusedRanges;
    }

    /// <summary>
    /// Refused whatever the allow-list says, unless it names the address or range itself: link-local (where the clouds'
    /// metadata services answer: 169.254.169.254, fd00:ec2::254) and the broker's own host (loopback, 0.0.0.0/8, ::).
    /// </summary>
    public static IReadOnlyList<string> BuiltInRefused { get; } =
        ["169.254.0.0/16", "fe80::/10", "fd00:ec2::254/128", "127.0.0.0/8", "::1/128", "0.0.0.0/8", "::/128"];

    /// <summary>No check at all: providers of configuration, whose operator may point them anywhere.</summary>
    public static EndpointPolicy Unrestricted { get; } = new(true, true, [], [], [], []);

    /// <summary>Whether this policy checks nothing.</summary>
    public bool IsUnrestricted => _unrestricted;

    /// <summary>
    /// The policy of <paramref name="allow"/> (names, <c>*.domain</c>, <c>*</c>, addresses, CIDR ranges) and the refused
    /// ranges <paramref name="refuse"/> added to <see cref="BuiltInRefused"/>. Throws <see cref="FormatException"/> naming a malformed entry.
    /// </summary>
    public static EndpointPolicy Create(IEnumerable<string> allow, IEnumerable<string> refuse)
    {
        ArgumentNullException.ThrowIfNull(allow);
        ArgumentNullException.ThrowIfNull(refuse);
        var anyHost = false;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var domains = new List<string>();
        var ranges = new List<IPNetwork>();
        foreach (var entry in allow.Select(e => e.Trim().ToLowerInvariant()))
        {
            if (entry == "*")
            {
                anyHost = true;
            }
            else if (entry.StartsWith("*.", StringComparison.Ordinal) && HostName().IsMatch(entry[2..]))
            {
                domains.Add(entry[1..]);
            }
            else if (TryRange(entry) is { } range)
            {
                ranges.Add(range);
            }
            else if (HostName().IsMatch(entry))
            {
                names.Add(entry);
            }
            else
            {
                throw new FormatException($"{AllowKey}: '{entry}' is neither *, a host name, *.domain, an address nor a CIDR range");
            }
        }

        var refused = BuiltInRefused.Concat(refuse).Select(e => TryRange(e.Trim())
            ?? throw new FormatException($"CloudBroker:ProviderEndpoints:Refuse: '{e}' is neither an address nor a CIDR range")).ToArray();
        return new EndpointPolicy(false, anyHost, names, [.. domains], [.. ranges], refused);
    }

    /// <summary>Why a host written in a setting is refused (a name by the allow-list, an address also by the refused ranges), or <c>null</c>.</summary>
    public string? RefuseHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (_unrestricted)
        {
            return null;
        }

        var normalized = host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
        if (IPAddress.TryParse(normalized, out var address))
        {
            return RefuseAddress(address, requireListed: true);
        }

        return _anyHost || _names.Contains(normalized) || _domains.Any(d => normalized.EndsWith(d, StringComparison.Ordinal))
            ? null
            : $"is not on the provider endpoint allow-list ({AllowKey})";
    }

    /// <summary>
    /// Why connecting to <paramref name="host"/> is refused now: one of the addresses it resolves to is in a refused
    /// range. <c>null</c> when none is, or when it does not resolve (the connection then fails on its own).
    /// </summary>
    public string? RefuseResolved(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (_unrestricted)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : Dns.GetHostAddresses(host);
        }
        catch (SocketException)
        {
            return null;
        }

        return FirstRefusal(host, addresses);
    }

    /// <summary>
    /// A <c>SocketsHttpHandler.ConnectCallback</c> that resolves the host itself and connects only when none of its
    /// addresses is refused; <c>null</c> (the handler's own connect) when the policy is unrestricted.
    /// </summary>
    public Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? ConnectCallback => _unrestricted ? null : ConnectAsync;

    /// <summary>Connects to the context's host and port, or throws <see cref="HttpRequestException"/> saying which address is refused.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        if (FirstRefusal(endpoint.Host, addresses) is { } refusal)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, refusal + "; the broker did not connect");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private string? FirstRefusal(string host, IEnumerable<IPAddress> addresses) => addresses
        .Select(a => RefuseAddress(a, requireListed: false) is { } why ? $"'{host}' resolves to {a}, which {why}" : null)
        .FirstOrDefault(r => r is not null);

    /// <summary>The most specific entry decides: an allowed range inside a refused one lifts it, a refused range inside an allowed one wins.</summary>
    private string? RefuseAddress(IPAddress address, bool requireListed)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        var allowed = _allowedRanges.Where(r => r.Contains(plain)).Select(r => r.PrefixLength).DefaultIfEmpty(-1).Max();
        var refused = _refusedRanges.Where(r => r.Contains(plain)).OrderByDescending(r => r.PrefixLength).Cast<IPNetwork?>().FirstOrDefault();
        if (refused is { } range && range.PrefixLength >= allowed)
        {
            return $"is in {range}, a range providers defined through the API may not reach (link-local and cloud metadata " +
                "services, the broker's own host, or CloudBroker:ProviderEndpoints:Refuse); an operator may name the address " +
                $"or a narrower range in {AllowKey}";
        }

        return requireListed && allowed < 0 && !_anyHost ? $"is not on the provider endpoint allow-list ({AllowKey})" : null;
    }

    private static IPNetwork? TryRange(string entry)
    {
        if (IPNetwork.TryParse(entry, out var range))
        {
            return range;
        }

        return IPAddress.TryParse(entry, out var address)
            ? new IPNetwork(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address, address.AddressFamily == AddressFamily.InterNetwork || address.IsIPv4MappedToIPv6 ? 32 : 128)
            : null;
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex HostName();
}
