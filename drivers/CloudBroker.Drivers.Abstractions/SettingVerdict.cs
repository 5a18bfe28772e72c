namespace CloudBroker.Drivers;

/// <summary>
/// A driver's word on one value of a setting given through the API: refused (why, and what to do instead), or
/// accepted together with the hosts the value makes the broker connect to, which the core then checks against its
/// endpoint allow-list (<see cref="EndpointPolicy"/>).
/// </summary>
public sealed record SettingVerdict(string? Refusal, IReadOnlyList<string> Hosts)
{
    public static SettingVerdict Accepted { get; } = new(null, []);

    public static SettingVerdict Refused(string why) => new(why, []);

    public static SettingVerdict Connects(params string[] hosts) => new(null, hosts);

    /// <summary>An absolute URL of one of <paramref name="schemes"/>, without user information: the broker connects to its host.</summary>
    public static SettingVerdict OfUrl(string value, params string[] schemes)
    {
        ArgumentNullException.ThrowIfNull(schemes);
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || !schemes.Contains(url.Scheme, StringComparer.Ordinal) || url.Host.Length == 0)
        {
            return Refused($"must be an absolute {string.Join(" or ", schemes)} URL with a host");
        }

        return url.UserInfo.Length > 0
            ? Refused("must not carry user information (credentials belong in 'credentials')")
            : Connects(url.Host);
    }
}
