using Microsoft.Extensions.Configuration;

namespace CloudBroker.Provisioning.Reconciliation;

/// <summary>Reads <c>CloudBroker:Providers:&lt;id&gt;:OrphanPolicy</c>; a value it does not know stops the run rather than guess.</summary>
public static class OrphanPolicySetting
{
    public static OrphanPolicy Read(IConfiguration configuration, string providerId)
    {
        var key = $"CloudBroker:Providers:{providerId}:OrphanPolicy";
        var value = configuration[key];
        return value?.Trim().ToLowerInvariant() switch
        {
            null or "" or "report" => OrphanPolicy.Report,
            "adopt" => OrphanPolicy.Adopt,
            "destroy" => OrphanPolicy.Destroy,
            _ => throw new InvalidOperationException($"{key} is '{value}'; set it to report, adopt or destroy"),
        };
    }
}
