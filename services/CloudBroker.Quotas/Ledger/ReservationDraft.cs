namespace CloudBroker.Quotas.Ledger;

/// <summary>The fields of a new <see cref="Reservation"/>, so the ledger states only what differs between kinds.</summary>
internal sealed record ReservationDraft
{
    public required ReservationOwner Owner { get; init; }

    public required string OperationId { get; init; }

    public required string Kind { get; init; }

    public required DateTime Now { get; init; }

    public required string Period { get; init; }

    public required DateTime ExpiresAt { get; init; }

    public long Instances { get; init; }

    public long RunningInstances { get; init; }

    public long Cpu { get; init; }

    public long MemoryMiB { get; init; }

    public long StorageGiB { get; init; }

    public long HourlyMicros { get; init; }

    public long BudgetMicros { get; init; }

    public Reservation ToReservation() => new()
    {
        Id = Guid.CreateVersion7().ToString(),
        InstanceId = Owner.InstanceId,
        OperationId = OperationId,
        Kind = Kind,
        Status = ReservationStatuses.Reserved,
        Instances = Instances,
        RunningInstances = RunningInstances,
        Cpu = Cpu,
        MemoryMiB = MemoryMiB,
        StorageGiB = StorageGiB,
        HourlyMicros = HourlyMicros,
        BudgetMicros = BudgetMicros,
        Period = Period,
        TenantId = Owner.TenantId,
        GroupId = Owner.GroupId,
        UserId = Owner.UserId,
        ProviderId = Owner.ProviderId,
        CreatedAt = Now,
        ExpiresAt = ExpiresAt,
        UpdatedAt = Now,
    };
}
