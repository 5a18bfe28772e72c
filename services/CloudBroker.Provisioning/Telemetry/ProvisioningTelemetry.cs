using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CloudBroker.Provisioning.Telemetry;

/// <summary>
/// The provisioning pipeline's spans and instruments, one static source and meter as npgsql keeps its own
/// (<c>NpgsqlActivitySource</c>): callers record, and the hosts' telemetry setup (<c>CloudBroker.Hosting</c>) decides
/// what is collected and where it goes. Names and units follow OpenTelemetry's semantic conventions: seconds for
/// durations, a <c>{unit}</c> annotation for counts.
/// </summary>
public static class ProvisioningTelemetry
{
    public const string Name = "CloudBroker.Provisioning";

    /// <summary>Seconds from a fast provider read to a slow cloud create.</summary>
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    };

    internal static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Each call that reached a provider: by provider, kind, verb and outcome.</summary>
    internal static readonly Histogram<double> ProviderCallDuration = Meter.CreateHistogram(
        "cloudbroker.provider.call.duration", "s", "How long calls to providers took, by provider, kind of call and outcome", advice: Seconds);

    /// <summary>Failed provider calls by the driver's error kind (throttled, quota, not found, ...).</summary>
    internal static readonly Counter<long> DriverErrors = Meter.CreateCounter<long>(
        "cloudbroker.provider.errors", "{error}", "Provider calls that failed, by provider, kind of call and driver error kind");

    /// <summary>Calls the pacing refused, with how long they were told to wait.</summary>
    internal static readonly Histogram<double> PacingWait = Meter.CreateHistogram(
        "cloudbroker.provider.pacing.wait", "s", "Calls the provider pacing refused for now, by how long they were told to wait", advice: Seconds);

    /// <summary>From the request's acceptance to the operation's end.</summary>
    internal static readonly Histogram<double> ProvisioningDuration = Meter.CreateHistogram(
        "cloudbroker.provisioning.duration", "s", "How long operations took from acceptance to their end, by provider, kind and outcome", advice: Seconds);

    /// <summary>What the reconciler found, drift included, by kind.</summary>
    internal static readonly Counter<long> ReconcilerFindings = Meter.CreateCounter<long>(
        "cloudbroker.reconciler.findings", "{finding}", "What reconciliation runs found on providers, by provider and kind");

    // Attribute names: ours under cloudbroker.*, error.type as the conventions name it.
    internal const string ProviderTag = "cloudbroker.provider";
    internal const string CallKindTag = "cloudbroker.call.kind";
    internal const string CallTag = "cloudbroker.call";
    internal const string OutcomeTag = "cloudbroker.outcome";
    internal const string OperationKindTag = "cloudbroker.operation.kind";
    internal const string FindingKindTag = "cloudbroker.finding.kind";
    internal const string ErrorTypeTag = "error.type";

    /// <summary>Lower-case wire names for enum values, as tag values (no allocation per call).</summary>
    internal static string Tag<T>(T value)
        where T : struct, Enum => TagNames<T>.Of(value);

    private static class TagNames<T>
        where T : struct, Enum
    {
        private static readonly Dictionary<T, string> Names = Enum.GetValues<T>().ToDictionary(v => v, v => v.ToString().ToLowerInvariant());

        public static string Of(T value) => Names.TryGetValue(value, out var name) ? name : value.ToString().ToLowerInvariant();
    }
}
