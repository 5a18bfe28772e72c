using System.Diagnostics;
using CloudBroker.Drivers;
using CloudBroker.Provisioning.Calls;
using static CloudBroker.Provisioning.Telemetry.ProvisioningTelemetry;

namespace CloudBroker.Provisioning.Telemetry;

/// <summary>
/// The span of one provider call (<see cref="GatedDriver"/> opens one around each): the provider, the kind of call and
/// the driver verb, then how it ended. A call the pacing refused ends as <c>paced</c> and never reached the provider; the
/// SDK's own HTTP calls (EC2, Azure) are its children.
/// </summary>
internal static class ProviderCallSpan
{
    public static Activity? Start(string providerId, ProviderCallKind kind, string call)
    {
        var span = Source.StartActivity(call, ActivityKind.Client);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(ProviderTag, providerId);
            span.SetTag(CallKindTag, Tag(kind));
            span.SetTag(CallTag, call);
        }

        return span;
    }

    public static void Paced(Activity? span, string providerId, ProviderCallKind kind, TimeSpan retryIn)
    {
        PacingWait.Record(retryIn.TotalSeconds, new TagList { { ProviderTag, providerId }, { CallKindTag, Tag(kind) } });
        span?.SetTag(OutcomeTag, "paced");
        span?.SetTag("cloudbroker.pacing.retry_in", retryIn.TotalSeconds);
    }

    public static void Ended(Activity? span, ProviderCallOutcome outcome)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag(OutcomeTag, Tag(outcome.Result));
        if (outcome.Result == ProviderCallResult.Failed)
        {
            var error = outcome.Error is { } kind ? Tag(kind) : "unexpected";
            span.SetTag(ErrorTypeTag, error);
            span.SetStatus(ActivityStatusCode.Error, error);
        }
    }
}
