using System.Diagnostics;
using CloudBroker.Provisioning.Calls;
using static CloudBroker.Provisioning.Telemetry.ProvisioningTelemetry;

namespace CloudBroker.Provisioning.Telemetry;

/// <summary>Every provider call's outcome as metrics: its duration, and its error by the driver's kind when it failed.</summary>
internal sealed class ProviderCallMetrics : IProviderCallObserver
{
    public void Observe(ProviderCallOutcome outcome)
    {
        var error = outcome.Error is { } kind ? Tag(kind) : outcome.Result == ProviderCallResult.Failed ? "unexpected" : null;
        var tags = new TagList
        {
            { ProviderTag, outcome.ProviderId },
            { CallKindTag, Tag(outcome.Kind) },
            { CallTag, outcome.Call },
            { OutcomeTag, Tag(outcome.Result) },
        };
        if (error is not null)
        {
            tags.Add(ErrorTypeTag, error);
            DriverErrors.Add(1, tags);
        }

        ProviderCallDuration.Record(outcome.Duration.TotalSeconds, tags);
    }
}
