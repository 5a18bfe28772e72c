using CloudBroker.Quotas.Limits;

namespace CloudBroker.Quotas.Counters;

/// <summary>How one save changes one scope's counters, and whether it asks for new capacity (which is checked).</summary>
internal sealed class ScopeDelta(string scope, string scopeId, string? tenantId)
{
    public string Scope { get; } = scope;

    public string ScopeId { get; } = scopeId;

    public string? TenantId { get; } = tenantId;

    public long[] Used { get; } = new long[QuotaResources.All.Count];

    public long[] Reserved { get; } = new long[QuotaResources.All.Count];

    /// <summary>Whether a new reservation asks for capacity here: then a limit exceeded refuses the save.</summary>
    public bool Check { get; set; }

    public bool IsZero => Used.All(v => v == 0) && Reserved.All(v => v == 0);

    /// <summary>What the save asks for of resource <paramref name="index"/> (used and reserved together).</summary>
    public long Requested(int index) => Used[index] + Reserved[index];
}
