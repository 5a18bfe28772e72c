namespace CloudBroker.Provisioning.Reconciliation;

/// <summary>
/// The row that lets one run at a time reconcile a provider, across processes: a run claims it with a
/// conditional update while the lease is free or expired, so a claim left by a dead process runs out.
/// </summary>
public sealed class ReconcilerLease
{
    public required string ProviderId { get; init; }

    /// <summary>The run that holds (or held last) the lease.</summary>
    public string? RunId { get; set; }

    public DateTime LeaseUntil { get; set; }
}
