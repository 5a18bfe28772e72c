using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CloudBroker.Quotas;

/// <summary>The quotas' instruments: a refusal counted by the resource that ran out and the scope whose limit it hit.</summary>
public static class QuotaTelemetry
{
    public const string Name = "CloudBroker.Quotas";

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Refusals = Meter.CreateCounter<long>(
        "cloudbroker.quota.refusals", "{refusal}", "Requests refused because a quota would be exceeded, by resource and scope");

    internal static void Refused(string resource, string scope) =>
        Refusals.Add(1, new TagList { { "cloudbroker.quota.resource", resource }, { "cloudbroker.quota.scope", scope } });
}
