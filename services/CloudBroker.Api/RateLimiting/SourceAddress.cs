using System.Net;
using System.Net.Sockets;

namespace CloudBroker.Api.RateLimiting;

/// <summary>
/// Who a request comes from, for the per-address limits: the connection's address (forwarded headers are not
/// believed). An IPv6 client is its /64, the block one host is usually given; connections without an address
/// (the in-memory test server, a Unix socket) share one.
/// </summary>
public static class SourceAddress
{
    public const string Unknown = "local";

    public static string Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IPv6Loopback.Equals(address))
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
