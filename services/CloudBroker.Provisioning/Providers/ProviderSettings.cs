using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// A stored provider's settings as the configuration section a driver reads, exactly as if it were configured under
/// <c>CloudBroker:Providers:&lt;id&gt;</c>: the settings, <c>Driver</c>, and the credentials under <c>Credentials:</c>.
/// </summary>
public static class ProviderSettings
{
    public const string CredentialsKey = "Credentials";

    public static IReadOnlyDictionary<string, string> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    public static string Serialize(IReadOnlyDictionary<string, string> settings) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(settings.ToDictionary(), StringComparer.Ordinal));

    /// <summary>The section named <paramref name="id"/>, as <see cref="ProviderRegistry"/> opens providers.</summary>
    public static IConfigurationSection Section(
        string id, string driver, IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string> credentials)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings)
        {
            values[$"{id}:{key}"] = value;
        }

        foreach (var (name, value) in credentials)
        {
            values[$"{id}:{CredentialsKey}:{name}"] = value;
        }

        values[$"{id}:Driver"] = driver;
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(id);
    }
}
