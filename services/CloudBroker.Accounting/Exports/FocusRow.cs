namespace CloudBroker.Accounting.Exports;

/// <summary>One row of a FOCUS 1.2 export, the values of its columns (<see cref="FocusSchema"/>); null is "no value".</summary>
public sealed class FocusRow
{
    public string? AvailabilityZone { get; init; }

    public decimal BilledCost { get; init; }

    public required string BillingAccountId { get; init; }

    public string? BillingAccountName { get; init; }

    public required string BillingCurrency { get; init; }

    public DateTime BillingPeriodEnd { get; init; }

    public DateTime BillingPeriodStart { get; init; }

    public required string ChargeCategory { get; init; }

    public string? ChargeClass { get; init; }

    public string? ChargeDescription { get; init; }

    public required string ChargeFrequency { get; init; }

    public DateTime ChargePeriodEnd { get; init; }

    public DateTime ChargePeriodStart { get; init; }

    public decimal? ConsumedQuantity { get; init; }

    public string? ConsumedUnit { get; init; }

    public decimal ContractedCost { get; init; }

    public decimal? ContractedUnitPrice { get; init; }

    public decimal EffectiveCost { get; init; }

    public required string InvoiceIssuerName { get; init; }

    public decimal ListCost { get; init; }

    public decimal? ListUnitPrice { get; init; }

    public string? PricingCategory { get; init; }

    public decimal? PricingQuantity { get; init; }

    public string? PricingUnit { get; init; }

    public required string ProviderName { get; init; }

    public required string PublisherName { get; init; }

    public string? RegionId { get; init; }

    public string? RegionName { get; init; }

    public string? ResourceId { get; init; }

    public string? ResourceName { get; init; }

    public string? ResourceType { get; init; }

    public required string ServiceCategory { get; init; }

    public required string ServiceName { get; init; }

    public required string ServiceSubcategory { get; init; }

    public string? SkuId { get; init; }

    public string? SkuMeter { get; init; }

    public string? SkuPriceId { get; init; }

    public string? SubAccountId { get; init; }

    public string? SubAccountName { get; init; }

    /// <summary>A flat JSON object, keys in ordinal order; null without tags.</summary>
    public string? Tags { get; init; }

    public required string TenantId { get; init; }

    /// <summary><c>&lt;book&gt;:&lt;version&gt;</c> of the price-book version that priced the row.</summary>
    public required string PriceBookVersion { get; init; }

    public required string ChargeId { get; init; }

    public string? CorrectsChargeId { get; init; }

    public int ExportRevision { get; init; }
}
