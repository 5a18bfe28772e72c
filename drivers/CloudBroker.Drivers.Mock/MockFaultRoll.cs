namespace CloudBroker.Drivers.Mock;

/// <summary>The outcome of one call's fault dice.</summary>
internal readonly record struct MockFaultRoll(long Call, bool Fail, bool Throttle, bool FailAfterCreate, bool StuckPending)
{
    public static MockFaultRoll None => default;
}
