namespace CloudBroker.Accounting.Periods;

/// <summary>
/// The name a tenant or group had in a billing period it was charged in, written by the rating run while the period is
/// open and kept once it closes, so a closed period's exports and reports name a tenant or group deleted later.
/// </summary>
public sealed class BillingPeriodName
{
    public DateTime Period { get; init; }

    /// <summary><see cref="BillingPeriodNameKinds.Tenant"/> or <see cref="BillingPeriodNameKinds.Group"/>.</summary>
    public required string Kind { get; init; }

    public required string Id { get; init; }

    public required string TenantId { get; init; }

    public required string Name { get; set; }
}

/// <summary>What a <see cref="BillingPeriodName"/> names.</summary>
public static class BillingPeriodNameKinds
{
    public const string Tenant = "tenant";

    public const string Group = "group";
}
