using System.Text.RegularExpressions;

namespace CloudBroker.Integration.Tests;

/// <summary>
/// Every connection a process tree tries, seen by strace at the system-call boundary: <c>connect()</c>, and
/// <c>sendto()</c>/<c>sendmsg()</c> to an address (UDP), whoever makes them: managed code, native libraries, the C
/// library's resolver (nscd's socket, the nameserver on port 53). What a setting says is not consulted; what the
/// process does is. Netlink, the kernel's own list of interfaces, is not a connection and is left out.
/// </summary>
internal sealed partial class ConnectionWatch(string tracePath)
{
    /// <summary>The program and arguments that start a host under the watch (<see cref="BrokerProcess.StartAsync"/>).</summary>
    public IReadOnlyList<string> Launcher =>
        ["strace", "--follow-forks", "--seccomp-bpf", "-qq", "--trace=connect,sendto,sendmsg", "--signal=none", "--output=" + tracePath];

    /// <summary>Each destination tried so far, once: <c>address:port</c>, <c>[v6 address]:port</c> or <c>unix:path</c>.</summary>
    public IReadOnlySet<string> Destinations()
    {
        if (!File.Exists(tracePath))
        {
            return new HashSet<string>();
        }

        using var stream = new FileStream(tracePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var destinations = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (!line.Contains("sa_family=AF_", StringComparison.Ordinal) || line.Contains("sa_family=AF_NETLINK", StringComparison.Ordinal))
            {
                continue;
            }

            destinations.Add(
                Inet().Match(line) is { Success: true } v4 ? $"{v4.Groups["address"].Value}:{v4.Groups["port"].Value}"
                : Inet6().Match(line) is { Success: true } v6 ? $"[{v6.Groups["address"].Value}]:{v6.Groups["port"].Value}"
                : Unix().Match(line) is { Success: true } unix ? "unix:" + unix.Groups["path"].Value
                : "unreadable: " + line); // an address family this does not know is a finding too
        }

        return destinations;
    }

    /// <summary>The first lines of the trace, for a failure message.</summary>
    public string Head(int lines)
    {
        using var stream = new FileStream(tracePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return string.Join('\n', Enumerable.Range(0, lines).Select(_ => reader.ReadLine()).TakeWhile(l => l is not null));
    }

    [GeneratedRegex("""sa_family=AF_INET, sin_port=htons\((?<port>\d+)\), sin_addr=inet_addr\("(?<address>[^"]+)"\)""")]
    private static partial Regex Inet();

    [GeneratedRegex("""sa_family=AF_INET6, sin6_port=htons\((?<port>\d+)\).*?inet_pton\(AF_INET6, "(?<address>[^"]+)""")]
    private static partial Regex Inet6();

    [GeneratedRegex("""sa_family=AF_UNIX, sun_path=(?<path>@?"[^"]*")""")]
    private static partial Regex Unix();
}
