namespace CloudBroker.Accounting.Pricing;

/// <summary>
/// The price of one SKU of one provider in one version of a price book: a hardware profile (its price covers the
/// machine: the <c>instance-hours</c> it runs, nothing per vCPU, GiB or disk) or a meter of <see cref="Metering.Meters"/>
/// (for machines whose profile has no line: sizes chosen from ranges). A line with a tenant is that tenant's
/// negotiated price and beats the general line of the same SKU.
/// </summary>
public sealed class PriceLine
{
    public required string BookId { get; init; }

    public int VersionNumber { get; init; }

    /// <summary>The line's position in its version (the key with the version).</summary>
    public int Index { get; init; }

    public required string ProviderId { get; init; }

    /// <summary>A hardware profile id of the provider, or a meter name.</summary>
    public required string Sku { get; init; }

    /// <summary>The tenant a negotiated line is for; <c>null</c> for the general line.</summary>
    public string? TenantId { get; init; }

    /// <summary>One of <see cref="TierModes"/>.</summary>
    public required string TierMode { get; init; }

    /// <summary>The price per unit-hour of a flat line (0 for tiered lines, whose tiers carry the prices).</summary>
    public decimal UnitPrice { get; init; }

    /// <summary>The tiers of a graduated or volume line in <see cref="PriceTier.Format"/>'s form; empty when flat.</summary>
    public required string Tiers { get; init; }

    /// <summary>A fixed fee per instance of a hardware-profile SKU per calendar month (a licence), prorated by the seconds the instance exists.</summary>
    public decimal? MonthlyFee { get; init; }
}
