using System.Text.RegularExpressions;
using CloudBroker.Problems;

namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// Checks a provider body field by field, collecting every error with its JSON pointer: the id, the driver (one
/// this broker has), settings (strings, configuration keys the core does not own, each on its driver's allow-list
/// for providers defined through the API, hosts on the endpoint allow-list), credentials (strings under simple names,
/// those the driver requires present) and, on a replacement, fresh credentials when an endpoint changes. A driver's own
/// view of the settings is asked afterwards (<see cref="ProviderRegistry.CheckAsync"/>). Nothing here reads a file.
/// </summary>
public static partial class ProviderValidation
{
    private const int MaxSettings = 200;
    private const int MaxKeyLength = 256;
    private const int MaxValueLength = 4096;
    private const int MaxCredentials = 20;

    // The core owns these keys: Driver and Enabled are fields of the body, Credentials is write-only.
    private static readonly string[] ReservedFirstSegments = ["Driver", "Enabled", ProviderSettings.CredentialsKey];

    public static void CheckId(string? id, List<FieldError> errors)
    {
        if (!ProviderRegistry.IsValidId(id))
        {
            errors.Add(new FieldError("/id", "must be an RFC 1123 label: lower-case letters, digits and '-', 1 to 63 characters", new FieldLimit(MaxLength: 63)));
        }
    }

    public static void CheckDriver(string? driver, IReadOnlyList<string> known, List<FieldError> errors)
    {
        if (driver is null || !known.Contains(driver, StringComparer.Ordinal))
        {
            errors.Add(new FieldError("/driver", "must name one of this broker's drivers", new FieldLimit(Values: [.. known])));
        }
    }

    /// <summary>The settings as stored (an omitted object is empty).</summary>
    public static Dictionary<string, string> CheckSettings(Dictionary<string, string?>? settings, List<FieldError> errors)
    {
        var checkedSettings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (settings is null)
        {
            return checkedSettings;
        }

        if (settings.Count > MaxSettings)
        {
            errors.Add(new FieldError("/settings", $"may have at most {MaxSettings} entries", new FieldLimit(Max: MaxSettings)));
        }

        foreach (var (key, value) in settings)
        {
            var pointer = "/settings/" + Escape(key);
            var segments = key.Split(':');
            if (key.Length is 0 or > MaxKeyLength || segments.Any(s => s.Length == 0 || s.Trim() != s))
            {
                errors.Add(new FieldError(pointer, $"must be a configuration key: names separated by ':' (at most {MaxKeyLength} characters)", new FieldLimit(MaxLength: MaxKeyLength)));
            }
            else if (ReservedFirstSegments.Contains(segments[0], StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new FieldError(pointer, $"'{segments[0]}' is not a setting: use the request's '{char.ToLowerInvariant(segments[0][0])}{segments[0][1..]}' member"));
            }
            else if (value is null || value.Length > MaxValueLength)
            {
                errors.Add(new FieldError(pointer, $"must be a string of at most {MaxValueLength} characters", new FieldLimit(MaxLength: MaxValueLength)));
            }
            else
            {
                checkedSettings[key] = value;
            }
        }

        return checkedSettings;
    }

    /// <summary>The credentials as given, or <c>null</c> when the body has none. Errors never repeat a value.</summary>
    public static Dictionary<string, string>? CheckCredentials(Dictionary<string, string?>? credentials, List<FieldError> errors)
    {
        if (credentials is null)
        {
            return null;
        }

        if (credentials.Count > MaxCredentials)
        {
            errors.Add(new FieldError("/credentials", $"may have at most {MaxCredentials} fields", new FieldLimit(Max: MaxCredentials)));
        }

        var checkedCredentials = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in credentials)
        {
            var pointer = "/credentials/" + Escape(name);
            if (!CredentialName().IsMatch(name))
            {
                errors.Add(new FieldError(pointer, "must be a simple name: a letter, then letters, digits or '_' (at most 64)", new FieldLimit(MaxLength: 64)));
            }
            else if (value is null || value.Length > MaxValueLength)
            {
                errors.Add(new FieldError(pointer, $"must be a string of at most {MaxValueLength} characters", new FieldLimit(MaxLength: MaxValueLength)));
            }
            else if (!checkedCredentials.TryAdd(name, value))
            {
                errors.Add(new FieldError(pointer, "is given twice (names are not case-sensitive)"));
            }
        }

        return checkedCredentials;
    }

    /// <summary>
    /// Holds the definition to its driver's rules for providers defined through the API: each setting the driver does
    /// not allow (or whose host the endpoint policy refuses) at <c>/settings/&lt;key&gt;</c> with why and what to do, each
    /// credential it requires but <paramref name="credentialNames"/> lacks at <c>/credentials/&lt;name&gt;</c>.
    /// </summary>
    public static void CheckApiRules(
        ProviderRegistry providers, string? driver, IReadOnlyDictionary<string, string> settings, IEnumerable<string> credentialNames, List<FieldError> errors)
    {
        if (driver is null || providers.ApiRules(driver) is not { } rules)
        {
            return; // the driver is refused already
        }

        foreach (var refusal in rules.Settings.Refusals(settings, rules.Endpoints))
        {
            errors.Add(new FieldError("/settings/" + Escape(refusal.Key), refusal.Reason));
        }

        foreach (var name in rules.Settings.MissingCredentials(credentialNames))
        {
            errors.Add(new FieldError("/credentials/" + Escape(name),
                $"is required: a {driver} provider defined through the API uses only the credentials it is given, never the broker host's own"));
        }
    }

    /// <summary>
    /// A replacement that changes where the stored credentials would be sent — the driver, or a setting the driver
    /// declares as deciding the endpoint — must carry the credentials again, so sealed ones never follow a new endpoint.
    /// </summary>
    public static void CheckRepointing(
        ProviderRegistry providers, ProviderRecord stored, string? driver, IReadOnlyDictionary<string, string> settings, bool credentialsGiven, List<FieldError> errors)
    {
        if (credentialsGiven || stored.Credentials is null || driver is null || providers.ApiRules(driver) is not { } rules)
        {
            return;
        }

        IReadOnlyList<string> changed = driver == stored.Driver
            ? rules.Settings.ChangedEndpoints(ProviderSettings.Parse(stored.Settings), settings)
            : ["driver"];
        if (changed.Count == 0)
        {
            return;
        }

        foreach (var key in changed.Where(k => k != "driver"))
        {
            errors.Add(new FieldError("/settings/" + Escape(key), "decides where the provider's credentials are sent: a request that changes it must carry the credentials"));
        }

        errors.Add(new FieldError("/credentials",
            $"is required: this request changes {string.Join(", ", changed)}, which decide(s) where the credentials are sent; " +
            "send the credentials again (stored ones never follow a new endpoint)"));
    }

    public static void ThrowIfAny(List<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw new ProblemException(ProblemTypes.Validation, errors.Count == 1 ? $"{errors[0].Pointer} {errors[0].Detail}" : $"{errors.Count} fields are not valid", errors);
        }
    }

    /// <summary>A JSON pointer token (RFC 6901).</summary>
    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    private static partial Regex CredentialName();
}
