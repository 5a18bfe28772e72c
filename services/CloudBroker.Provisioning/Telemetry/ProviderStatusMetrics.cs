using System.Diagnostics.Metrics;
using CloudBroker.Provisioning.Providers;
using static CloudBroker.Provisioning.Telemetry.ProvisioningTelemetry;

namespace CloudBroker.Provisioning.Telemetry;

/// <summary>
/// Each provider's state as a gauge, read from the registry when metrics are collected: 1 for the state it is in, with
/// the category of its trouble when unavailable (<c>unreachable</c>, <c>misconfigured</c>, …), so an alert can name it.
/// Made by the hosts' telemetry setup; its meter is the provisioning one, from this host's meter factory.
/// </summary>
public sealed class ProviderStatusMetrics
{
    public ProviderStatusMetrics(IMeterFactory meters, ProviderRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(meters);
        meters.Create(Name).CreateObservableGauge(
            "cloudbroker.provider.status",
            () => registry.All.Select(p => new Measurement<int>(1,
                new KeyValuePair<string, object?>(ProviderTag, p.Id),
                new KeyValuePair<string, object?>("cloudbroker.provider.state", Tag(p.Status)),
                new KeyValuePair<string, object?>("cloudbroker.provider.trouble", p.StatusCategory?.Slug ?? "none"))),
            "{provider}",
            "Providers by their current state (1 per provider, labelled with the state and the kind of trouble)");
    }
}
