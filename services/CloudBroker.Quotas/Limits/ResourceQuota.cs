namespace CloudBroker.Quotas.Limits;

/// <summary>
/// One resource of a scope's quota (a group of columns of its <see cref="Quota"/> row): its limit (<c>null</c> = unlimited),
/// warning threshold and what is held against it.
/// </summary>
public sealed class ResourceQuota
{
    public long? Limit { get; set; }

    /// <summary>The absolute warning threshold of a count (budget's are percentages: <see cref="Quota.BudgetWarnAt"/>).</summary>
    public long? WarnAt { get; set; }

    /// <summary>Held by work that happened (committed reservations; for budget also the spent part of released ones).</summary>
    public long Used { get; set; }

    /// <summary>Held by accepted work that has not run yet.</summary>
    public long Reserved { get; set; }

    public bool Warning => WarnAt is { } warnAt && Used + Reserved >= warnAt;
}
