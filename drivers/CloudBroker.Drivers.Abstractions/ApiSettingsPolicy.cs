using Microsoft.Extensions.Configuration;

namespace CloudBroker.Drivers;

/// <summary>
/// What a provider defined through the API may carry, as its driver declares it: the settings of an allow-list
/// (<see cref="ApiSetting"/>; anything else, above all whatever names a file or a program of the broker's host, comes
/// only from configuration) and the credentials it must bring, since such a provider never falls back to anything
/// of the host's own. The core checks a definition with it at the API's edge and again before it opens a stored one;
/// each driver checks its <see cref="ProviderOrigin.Api"/> settings once more when it opens them (<see cref="Enforce"/>).
/// </summary>
public sealed class ApiSettingsPolicy
{
    private const string CredentialsSection = "Credentials";

    /// <summary>The broker's own settings of every provider (limits and pacing): they touch nothing of the host.</summary>
    private static readonly ApiSetting[] BrokerSettings =
    [
        new("BuildTimeout"), new("MaxConcurrency"), new("RequestsPerSecond"), new("Burst"),
        new("Pacing:*:RequestsPerSecond"), new("Pacing:*:Burst"), new("Pacing:*:Bucket"),
    ];

    // Keys of a provider's section that are not settings: fields of the request, and the credentials.
    private static readonly string[] NotSettings = ["Driver", "Enabled", CredentialsSection];

    public ApiSettingsPolicy(IReadOnlyList<ApiSetting> settings, IReadOnlyList<string>? requiredCredentials = null)
    {
        Settings = settings;
        RequiredCredentials = requiredCredentials ?? [];
    }

    /// <summary>Nothing but the broker's own settings: the policy of a driver that declares none.</summary>
    public static ApiSettingsPolicy None { get; } = new([]);

    /// <summary>The driver's settings, in the order they are matched (the first that matches a key decides).</summary>
    public IReadOnlyList<ApiSetting> Settings { get; }

    /// <summary>Credential fields a provider defined through the API must have.</summary>
    public IReadOnlyList<string> RequiredCredentials { get; }

    /// <summary>The declaration <paramref name="key"/> falls under, or <c>null</c> when an API provider may not carry it.</summary>
    public ApiSetting? Find(string key) => BrokerSettings.Concat(Settings).FirstOrDefault(s => s.Matches(key));

    /// <summary>Every setting refused, with why: not on the allow-list, a value the driver refuses, or a host <paramref name="endpoints"/> refuses.</summary>
    public IReadOnlyList<SettingRefusal> Refusals(IEnumerable<KeyValuePair<string, string>> settings, EndpointPolicy endpoints)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(endpoints);
        var refusals = new List<SettingRefusal>();
        foreach (var (key, value) in settings)
        {
            if (Find(key) is not { } setting)
            {
                refusals.Add(new SettingRefusal(key,
                    "is not a setting a provider defined through the API may carry; whatever names a file or a program of the " +
                    "broker's host comes only from configuration (docs/security.md lists each driver's settings)"));
                continue;
            }

            var verdict = setting.Judge(value);
            if (verdict.Refusal is { } why)
            {
                refusals.Add(new SettingRefusal(key, why));
                continue;
            }

            foreach (var host in verdict.Hosts)
            {
                if (endpoints.RefuseHost(host) is { } reason)
                {
                    refusals.Add(new SettingRefusal(key, $"connects to '{host}', which {reason}"));
                }
            }
        }

        return refusals;
    }

    /// <summary>The required credential fields missing from <paramref name="given"/> (names are not case-sensitive).</summary>
    public IReadOnlyList<string> MissingCredentials(IEnumerable<string> given)
    {
        var present = given.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. RequiredCredentials.Where(name => !present.Contains(name))];
    }

    /// <summary>The settings deciding where credentials go whose value differs between <paramref name="before"/> and <paramref name="after"/> (added, removed or changed).</summary>
    public IReadOnlyList<string> ChangedEndpoints(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = new Dictionary<string, string>(before, StringComparer.OrdinalIgnoreCase);
        var next = new Dictionary<string, string>(after, StringComparer.OrdinalIgnoreCase);
        return [.. old.Keys.Union(next.Keys, StringComparer.OrdinalIgnoreCase)
            .Where(key => Find(key) is { DecidesEndpoint: true })
            .Where(key => old.GetValueOrDefault(key) != next.GetValueOrDefault(key))
            .Order(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// For drivers, first thing when they open a provider: settings of <see cref="ProviderOrigin.Api"/> that this
    /// policy refuses (a row written before a rule existed, or a core that forgot to check) make the provider
    /// unavailable, naming each, before anything of them is used.
    /// </summary>
    public void Enforce(ProviderContext context, string driverName)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Origin != ProviderOrigin.Api)
        {
            return;
        }

        var settings = context.Settings.AsEnumerable(makePathsRelative: true)
            .Where(kv => !string.IsNullOrEmpty(kv.Value) && kv.Key.Length > 0 && !NotSettings.Contains(kv.Key.Split(':')[0], StringComparer.OrdinalIgnoreCase))
            .Select(kv => KeyValuePair.Create(kv.Key, kv.Value!));
        var problems = Refusals(settings, context.Endpoints).Select(r => $"{r.Key} {r.Reason}").ToList();
        var given = context.Settings.GetSection(CredentialsSection).GetChildren().Where(c => !string.IsNullOrWhiteSpace(c.Value)).Select(c => c.Key);
        problems.AddRange(MissingCredentials(given).Select(name => $"{CredentialsSection}:{name} is required"));
        if (problems.Count > 0)
        {
            throw new DriverException(DriverErrorKind.Unavailable,
                $"{driverName} provider '{context.ProviderId}' is defined through the API and may not be opened as it is: " +
                string.Join("; ", problems) + ". Replace its settings (PUT /api/providers/" + context.ProviderId + ").");
        }
    }
}
