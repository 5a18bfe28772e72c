namespace CloudBroker.Placement.Pools;

/// <summary>
/// Capacity that tenants draw from: one provider, optionally narrowed to some of its realms, with its overcommit ratios,
/// the headroom it keeps back, its priority and who may use it. Every create draws from one (<see cref="PoolAdmission"/>).
/// A provider's default pool has the provider's id and is open to every tenant (<see cref="DefaultPools"/>).
/// </summary>
public sealed class Pool
{
    public required string Id { get; init; }

    public required string ProviderId { get; init; }

    public string? Description { get; set; }

    /// <summary>The realms it may place in; empty: every realm of the provider.</summary>
    public List<string> Realms { get; set; } = [];

    /// <summary>Overcommit per resource: what may be allocated is capacity × ratio − headroom (1.0: none).</summary>
    public double CpuRatio { get; set; } = 1.0;

    public double MemoryRatio { get; set; } = 1.0;

    public double StorageRatio { get; set; } = 1.0;

    /// <summary>Kept back per realm (for the host itself, for maintenance).</summary>
    public long HeadroomCpu { get; set; }

    public long HeadroomMemoryMiB { get; set; }

    public long HeadroomStorageGiB { get; set; }

    /// <summary>Higher first when several pools of a provider may take a machine.</summary>
    public int Priority { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>Every tenant may draw from it (a provider's default pool until an admin narrows it).</summary>
    public bool OpenToAll { get; set; }

    public List<string> TenantIds { get; set; } = [];

    /// <summary>Groups (of any tenant) whose machines may draw from it.</summary>
    public List<string> GroupIds { get; set; } = [];

    /// <summary>What each realm holds when the provider cannot say (<see cref="Inventory.PoolInventory"/>).</summary>
    public List<DeclaredCapacity> Declared { get; set; } = [];

    public int Version { get; set; } = 1;

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Whether a machine of <paramref name="tenantId"/> charged to <paramref name="groupId"/> may draw from it (enabled or not).</summary>
    public bool IsOpenTo(string tenantId, string? groupId) =>
        OpenToAll || TenantIds.Contains(tenantId) || (groupId is not null && GroupIds.Contains(groupId));

    /// <summary>Whether a caller of <paramref name="tenantId"/> in <paramref name="groupIds"/> may see it (any of its groups).</summary>
    public bool IsVisibleTo(string tenantId, IEnumerable<string> groupIds) =>
        OpenToAll || TenantIds.Contains(tenantId) || groupIds.Any(GroupIds.Contains);

    public bool Covers(string realmId) => Realms.Count == 0 || Realms.Contains(realmId);
}
