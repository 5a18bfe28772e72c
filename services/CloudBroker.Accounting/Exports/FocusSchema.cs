using Parquet.Schema;

namespace CloudBroker.Accounting.Exports;

/// <summary>
/// The export's columns, in order: every mandatory FOCUS 1.2 column and the conditional and recommended ones that apply
/// to a broker's charges, in the specification's (alphabetical) order, then the <c>x_</c> extensions.
/// </summary>
public static class FocusSchema
{
    public const string FocusVersion = "1.2";

    /// <summary>Names this column list; a change of columns, order or types takes the next number.</summary>
    public const string SchemaId = "cloudbroker-focus-1.2-r1";

    public static IReadOnlyList<FocusColumn> Columns { get; } =
    [
        new FocusStringColumn("AvailabilityZone", true, r => r.AvailabilityZone),
        new FocusDecimalColumn("BilledCost", false, r => r.BilledCost),
        new FocusStringColumn("BillingAccountId", false, r => r.BillingAccountId),
        new FocusStringColumn("BillingAccountName", true, r => r.BillingAccountName),
        new FocusStringColumn("BillingCurrency", false, r => r.BillingCurrency),
        new FocusTimeColumn("BillingPeriodEnd", r => r.BillingPeriodEnd),
        new FocusTimeColumn("BillingPeriodStart", r => r.BillingPeriodStart),
        new FocusStringColumn("ChargeCategory", false, r => r.ChargeCategory),
        new FocusStringColumn("ChargeClass", true, r => r.ChargeClass),
        new FocusStringColumn("ChargeDescription", true, r => r.ChargeDescription),
        new FocusStringColumn("ChargeFrequency", false, r => r.ChargeFrequency),
        new FocusTimeColumn("ChargePeriodEnd", r => r.ChargePeriodEnd),
        new FocusTimeColumn("ChargePeriodStart", r => r.ChargePeriodStart),
        new FocusDecimalColumn("ConsumedQuantity", true, r => r.ConsumedQuantity),
        new FocusStringColumn("ConsumedUnit", true, r => r.ConsumedUnit),
        new FocusDecimalColumn("ContractedCost", false, r => r.ContractedCost),
        new FocusDecimalColumn("ContractedUnitPrice", true, r => r.ContractedUnitPrice),
        new FocusDecimalColumn("EffectiveCost", false, r => r.EffectiveCost),
        new FocusStringColumn("InvoiceIssuerName", false, r => r.InvoiceIssuerName),
        new FocusDecimalColumn("ListCost", false, r => r.ListCost),
        new FocusDecimalColumn("ListUnitPrice", true, r => r.ListUnitPrice),
        new FocusStringColumn("PricingCategory", true, r => r.PricingCategory),
        new FocusDecimalColumn("PricingQuantity", true, r => r.PricingQuantity),
        new FocusStringColumn("PricingUnit", true, r => r.PricingUnit),
        new FocusStringColumn("ProviderName", false, r => r.ProviderName),
        new FocusStringColumn("PublisherName", false, r => r.PublisherName),
        new FocusStringColumn("RegionId", true, r => r.RegionId),
        new FocusStringColumn("RegionName", true, r => r.RegionName),
        new FocusStringColumn("ResourceId", true, r => r.ResourceId),
        new FocusStringColumn("ResourceName", true, r => r.ResourceName),
        new FocusStringColumn("ResourceType", true, r => r.ResourceType),
        new FocusStringColumn("ServiceCategory", false, r => r.ServiceCategory),
        new FocusStringColumn("ServiceName", false, r => r.ServiceName),
        new FocusStringColumn("ServiceSubcategory", false, r => r.ServiceSubcategory),
        new FocusStringColumn("SkuId", true, r => r.SkuId),
        new FocusStringColumn("SkuMeter", true, r => r.SkuMeter),
        new FocusStringColumn("SkuPriceId", true, r => r.SkuPriceId),
        new FocusStringColumn("SubAccountId", true, r => r.SubAccountId),
        new FocusStringColumn("SubAccountName", true, r => r.SubAccountName),
        new FocusStringColumn("Tags", true, r => r.Tags, "JSON"),
        new FocusStringColumn("x_TenantId", false, r => r.TenantId),
        new FocusStringColumn("x_PriceBookVersion", false, r => r.PriceBookVersion),
        new FocusStringColumn("x_ChargeId", false, r => r.ChargeId, dictionary: false),
        new FocusStringColumn("x_CorrectsChargeId", true, r => r.CorrectsChargeId, dictionary: false),
        new FocusIntegerColumn("x_ExportRevision", r => r.ExportRevision),
    ];

    public static ParquetSchema Parquet { get; } = new([.. Columns.Select(c => c.Field)]);
}
