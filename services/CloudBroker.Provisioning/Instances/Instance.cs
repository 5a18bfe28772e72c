using CloudBroker.Persistence.Ownership;
using CloudBroker.Quotas.Settlement;

namespace CloudBroker.Provisioning.Instances;

/// <summary>A machine the broker manages, as its database knows it (reads never ask a provider).</summary>
public sealed class Instance : IQuotaHolder, IOwnedRow
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public required string ProviderId { get; init; }

    public string? RealmId { get; set; }

    public required string ImageId { get; init; }

    public required string HardwareProfileId { get; init; }

    public int Cpu { get; init; }

    public int MemoryMiB { get; init; }

    public int StorageGiB { get; init; }

    public string? KeyId { get; init; }

    public string? UserData { get; init; }

    /// <summary>Changed only by <see cref="InstanceTransitions.MoveTo"/>, which records the move and settles its quota.</summary>
    public InstanceState State { get; internal set; }

    /// <summary>The provider's id for the machine, once the provider has answered the create.</summary>
    public string? ProviderInstanceId { get; set; }

    /// <summary>When the reconciler noticed the machine was gone at the provider (state <c>vanished</c>).</summary>
    public DateTime? VanishedAt { get; set; }

    public List<string> Addresses { get; set; } = [];

    /// <summary>Free key/value pairs (<see cref="InstanceTags"/>), in ordinal key order; a change is recorded in the history (usage splits there).</summary>
    public SortedDictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    public required string TenantId { get; init; }

    public required string OwnerId { get; init; }

    /// <summary>The group of the owner's tenant this instance is charged to (quotas, accounting).</summary>
    public required string GroupId { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token; also the ETag.</summary>
    public int Version { get; set; }

    /// <summary>Set by a move until its save settles the instance's quota; not a column (EF maps no explicit interface member).</summary>
    QuotaPhase? IQuotaHolder.Unsettled { get; set; }
}
