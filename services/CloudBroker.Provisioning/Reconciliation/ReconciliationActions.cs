namespace CloudBroker.Provisioning.Reconciliation;

/// <summary>What a run did about a machine (the <c>action</c> of each machine on the wire).</summary>
public static class ReconciliationActions
{
    /// <summary>The instance's machine is gone (or terminated) at the provider: the instance is now vanished.</summary>
    public const string Vanished = "vanished";

    /// <summary>The instance's machine was found in another settled state (stopped or started behind the broker's back): the instance now says so.</summary>
    public const string Corrected = "corrected";

    /// <summary>A settled instance that never learnt its machine's id (a lost create answer) got it from the machine's tag.</summary>
    public const string Linked = "linked";

    /// <summary>An orphan of this installation, left where it is (always, when it names no provider).</summary>
    public const string Reported = "reported";

    public const string Adopted = "adopted";

    public const string Destroyed = "destroyed";

    /// <summary>Policy <c>destroy</c>, but the provider refused; the orphan is still there.</summary>
    public const string DestroyFailed = "destroy-failed";

    /// <summary>A machine of another installation (or of none), or another provider's of this one: never touched.</summary>
    public const string Foreign = "foreign";

    /// <summary>An operation past its deadline, failed by the run.</summary>
    public const string OperationFailed = "operation-failed";

    /// <summary>The instance changed while the run looked at it; the next run looks again.</summary>
    public const string Skipped = "skipped";
}
