using CloudBroker.Api.Tests.Infrastructure;

namespace CloudBroker.Api.Tests.Reconciliation;

/// <summary>The reconciler fixture with the schedule on, every 300 ms.</summary>
public sealed class ScheduledReconcilerFactory : ReconcilerFactory
{
    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(300);
}
