namespace CloudBroker.Api.Tests.Infrastructure;

/// <summary>The reconciler fixture with the schedule on, every 300 ms.</summary>
public sealed class ScheduledReconcilerFactory : ReconcilerFactory
{
    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(300);
}
