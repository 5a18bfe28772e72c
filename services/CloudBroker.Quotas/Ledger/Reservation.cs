using CloudBroker.Quotas.Limits;

namespace CloudBroker.Quotas.Ledger;

/// <summary>
/// One line of the quota ledger: what an instance holds against its user, group, tenant and provider.
/// Counters are the sum of these rows (<see cref="Amount"/>): every change of a row changes the counters by its
/// difference, in the transaction of the save that changes it (<see cref="QuotaSaveStep"/>).
/// </summary>
public sealed class Reservation
{
    public required string Id { get; init; }

    public required string InstanceId { get; init; }

    /// <summary>The operation that made the reservation (a create or a start).</summary>
    public required string OperationId { get; init; }

    /// <summary><see cref="ReservationKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary><see cref="ReservationStatuses"/>.</summary>
    public required string Status { get; set; }

    public long Instances { get; init; }

    public long RunningInstances { get; init; }

    public long Cpu { get; init; }

    public long MemoryMiB { get; init; }

    public long StorageGiB { get; init; }

    /// <summary>The estimated hourly price in micro-units (0 for a provider without prices).</summary>
    public long HourlyMicros { get; init; }

    /// <summary>What this reservation counts against the budget of <see cref="Period"/>, in micro-units.</summary>
    public long BudgetMicros { get; set; }

    /// <summary>The budget month (<c>yyyy-MM</c>) <see cref="BudgetMicros"/> is for.</summary>
    public required string Period { get; set; }

    public required string TenantId { get; init; }

    public required string GroupId { get; init; }

    public required string UserId { get; init; }

    public required string ProviderId { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>A reservation still <c>reserved</c> after this is released by the sweeper: its work died.</summary>
    public DateTime ExpiresAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token: a sweeper and a workflow step never both move the same row.</summary>
    public int Version { get; set; }

    /// <summary>The amount of resource <paramref name="index"/> (<see cref="QuotaResources.All"/>).</summary>
    public long Amount(int index) => index switch
    {
        0 => Instances,
        1 => RunningInstances,
        2 => Cpu,
        3 => MemoryMiB,
        4 => StorageGiB,
        5 => BudgetMicros,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}
