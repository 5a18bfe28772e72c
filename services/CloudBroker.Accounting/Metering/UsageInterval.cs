namespace CloudBroker.Accounting.Metering;

/// <summary>
/// One stretch of one meter of one instance with the same attributes throughout: <c>[Start, End)</c> at the broker's
/// observation times (microseconds), <see cref="Quantity"/> units per hour. A state change that stops the meter, or a
/// change of anything it carries (tags), ends it; the next stretch is a new row. Open while <see cref="End"/> is null.
/// </summary>
public sealed class UsageInterval
{
    /// <summary>Deterministic: derived from the instance, the meter and the history event that opened it, so metering the same history twice writes the same rows.</summary>
    public required string Id { get; init; }

    public required string InstanceId { get; init; }

    /// <summary>One of <see cref="Meters"/>.</summary>
    public required string Meter { get; init; }

    /// <summary>Units of the meter per hour (1 instance, vCPUs, GiB of memory or disk).</summary>
    public decimal Quantity { get; init; }

    public DateTime Start { get; init; }

    public DateTime? End { get; set; }

    /// <summary>The <c>instance_events</c> row that opened the interval.</summary>
    public long StartEventId { get; init; }

    /// <summary>The <c>instance_events</c> row that closed it, once closed.</summary>
    public long? EndEventId { get; set; }

    public required string TenantId { get; init; }

    public required string GroupId { get; init; }

    public required string OwnerId { get; init; }

    public required string ProviderId { get; init; }

    public string? RealmId { get; init; }

    /// <summary>The provider hardware profile the instance was created with (the SKU of profiles with fixed sizes).</summary>
    public required string HardwareProfileId { get; init; }

    /// <summary>The instance's tags in force during the interval, as a JSON object with keys in ordinal order.</summary>
    public required string Tags { get; init; }
}
