namespace CloudBroker.Quotas.Limits;

/// <summary>
/// A scope's limits and counters, one row per scope. The counters are one row (not one per resource) so a
/// create locks four rows, one per scope, in a fixed order, and updates each with one statement.
/// Limits change through EF with <see cref="Version"/> as the concurrency token (the ETag); counters change only
/// through <see cref="Counters.CounterUpdates"/>' atomic statements, which leave <see cref="Version"/> alone.
/// </summary>
public sealed class Quota
{
    public required string Scope { get; init; }

    public required string ScopeId { get; init; }

    /// <summary>The tenant the scope belongs to (authorization); <c>null</c> for a provider.</summary>
    public string? TenantId { get; init; }

    /// <summary>The budget month (<c>yyyy-MM</c>, UTC) the budget counters are for.</summary>
    public required string Period { get; set; }

    public int Version { get; set; }

    /// <summary>When the limits last changed; <c>null</c> while they were never set.</summary>
    public DateTime? UpdatedAt { get; set; }

    public ResourceQuota Instances { get; set; } = new();

    public ResourceQuota RunningInstances { get; set; } = new();

    public ResourceQuota Cpu { get; set; } = new();

    public ResourceQuota MemoryMiB { get; set; } = new();

    public ResourceQuota StorageGiB { get; set; } = new();

    /// <summary>Money this month; its warning thresholds are <see cref="BudgetWarnAt"/>, not <see cref="ResourceQuota.WarnAt"/>.</summary>
    public ResourceQuota Budget { get; set; } = new();

    /// <summary>The budget's warning thresholds as stored (<see cref="BudgetWarnings"/>): percentages of its limit; <c>null</c> = the default.</summary>
    public string? BudgetWarnAt { get; set; }

    /// <summary>The resource at <paramref name="index"/> of <see cref="QuotaResources.All"/>.</summary>
    public ResourceQuota Resource(int index) => index switch
    {
        0 => Instances,
        1 => RunningInstances,
        2 => Cpu,
        3 => MemoryMiB,
        4 => StorageGiB,
        5 => Budget,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}
