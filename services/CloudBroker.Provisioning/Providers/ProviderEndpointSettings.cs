using CloudBroker.Drivers;
using Microsoft.Extensions.Configuration;

namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// Reads <c>CloudBroker:ProviderEndpoints</c> into the policy every provider defined through the API connects under:
/// <c>Allow</c> (default <c>*</c>: any host that is not refused) and <c>Refuse</c> (ranges added to the built-in ones).
/// Each is a list (<c>Allow:0</c>, <c>Allow:1</c>) or one comma-separated value. A malformed entry stops the start.
/// </summary>
public static class ProviderEndpointSettings
{
    public const string Section = "CloudBroker:ProviderEndpoints";

    public static EndpointPolicy Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var allow = List(configuration.GetSection(Section + ":Allow"));
        try
        {
            return EndpointPolicy.Create(allow.Count == 0 ? ["*"] : allow, List(configuration.GetSection(Section + ":Refuse")));
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }
    }

    // Children win: a host may give a section with children an empty value of its own.
    private static List<string> List(IConfigurationSection section)
    {
        var children = section.GetChildren().Select(c => c.Value ?? "").ToList();
        return [.. (children.Count > 0 ? children : [section.Value ?? ""])
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
    }
}
