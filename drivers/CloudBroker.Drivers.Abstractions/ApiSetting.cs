namespace CloudBroker.Drivers;

/// <summary>
/// One setting a provider defined through the API may carry, as its driver declares it (<see cref="ApiSettingsPolicy"/>).
/// <see cref="Key"/> is a configuration key whose segments are names or <c>*</c>, any one segment
/// (<c>Images:*:Volume</c>); it is matched without regard to case, as configuration binds keys.
/// </summary>
/// <param name="Key">The key pattern.</param>
/// <param name="DecidesEndpoint">
/// Whether the setting decides where the credentials are sent (an endpoint, a region, a host, a trust anchor): a
/// change of it must bring the credentials again in the same request, so stored ones never follow a new endpoint.
/// </param>
/// <param name="Check">Judges a value (none: any string is accepted and connects nowhere).</param>
public sealed record ApiSetting(string Key, bool DecidesEndpoint = false, Func<string, SettingVerdict>? Check = null)
{
    /// <summary>A setting only configuration may give; <paramref name="why"/> says why and what an API provider uses instead.</summary>
    public static ApiSetting ConfigurationOnly(string key, string why) => new(key, Check: _ => SettingVerdict.Refused(why));

    public bool Matches(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var pattern = Key.Split(':');
        var segments = key.Split(':');
        if (pattern.Length != segments.Length)
        {
            return false;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != "*" && !string.Equals(pattern[i], segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    public SettingVerdict Judge(string value) => Check?.Invoke(value) ?? SettingVerdict.Accepted;
}
