using System.Globalization;
using CloudBroker.Accounting.Metering;
using CloudBroker.Accounting.Rating;

namespace CloudBroker.Accounting.Exports;

/// <summary>
/// Turns a charge into its FOCUS row, by the rules decided for the export (docs/accounting.md#exports): the tenant is the
/// billing account, its group the sub-account, the operator the invoice issuer; usage is <c>Usage</c>/<c>Usage-Based</c>,
/// a monthly fee <c>Purchase</c>/<c>Recurring</c>; BilledCost = EffectiveCost = the billed amount; unit prices are the
/// cost over the pricing quantity, so unit price × quantity = cost on every row (to the 28 significant digits a decimal holds).
/// </summary>
public sealed class FocusRowMapper(
    string currency,
    string invoiceIssuer,
    DateTime periodStart,
    int revision,
    string tenantId,
    string? tenantName,
    Func<string, string?> groupName,
    Func<string, string?> instanceName,
    Func<string, ProviderNaming> provider)
{
    private readonly DateTime _periodEnd = periodStart.AddMonths(1);

    public FocusRow Map(Charge charge)
    {
        var fee = charge.Kind == ChargeKinds.Fee;
        var storage = charge.Meter == Meters.StorageGibHours && !fee;
        var unit = fee ? "Hours" : Unit(charge.Meter);
        var naming = provider(charge.ProviderId);
        var dayEnd = charge.Day.AddDays(1);
        var bookVersion = charge.PriceBookId + ":" + charge.PriceBookVersion.ToString(CultureInfo.InvariantCulture);
        var skuId = charge.ProviderId + ":" + charge.Sku;
        return new FocusRow
        {
            AvailabilityZone = charge.RealmId,
            BilledCost = charge.BilledAmount,
            BillingAccountId = tenantId,
            BillingAccountName = tenantName,
            BillingCurrency = currency,
            BillingPeriodEnd = _periodEnd,
            BillingPeriodStart = periodStart,
            ChargeCategory = fee ? "Purchase" : "Usage",
            ChargeClass = charge.ChargeClass,
            ChargeDescription = fee
                ? $"{charge.Sku} monthly fee on {charge.ProviderId}, prorated by the hours the instance exists"
                : $"{charge.Sku} {charge.Meter} on {charge.ProviderId}",
            ChargeFrequency = fee ? "Recurring" : "Usage-Based",
            ChargePeriodEnd = dayEnd,
            ChargePeriodStart = charge.Day,
            ConsumedQuantity = fee ? null : charge.Quantity,
            ConsumedUnit = fee ? null : unit,
            ContractedCost = charge.ContractedAmount,
            ContractedUnitPrice = UnitPrice(charge.ContractedAmount, charge.Quantity),
            EffectiveCost = charge.BilledAmount,
            InvoiceIssuerName = invoiceIssuer,
            ListCost = charge.ListAmount,
            ListUnitPrice = UnitPrice(charge.ListAmount, charge.Quantity),
            PricingCategory = "Standard",
            PricingQuantity = charge.Quantity,
            PricingUnit = unit,
            ProviderName = naming.ProviderName,
            PublisherName = naming.ProviderName,
            RegionId = naming.RegionId,
            RegionName = naming.RegionId,
            ResourceId = charge.InstanceId,
            ResourceName = instanceName(charge.InstanceId),
            ResourceType = "Virtual Machine",
            ServiceCategory = storage ? "Storage" : "Compute",
            ServiceName = storage ? "Block Storage" : "Virtual Machines",
            ServiceSubcategory = storage ? "Block Storage" : "Virtual Machines",
            SkuId = skuId,
            SkuMeter = charge.Meter,
            SkuPriceId = bookVersion + ":" + skuId,
            SubAccountId = charge.GroupId,
            SubAccountName = groupName(charge.GroupId),
            Tags = charge.Tags == "{}" ? null : charge.Tags,
            TenantId = tenantId,
            PriceBookVersion = bookVersion,
            ChargeId = charge.Id,
            CorrectsChargeId = charge.CorrectsChargeId,
            ExportRevision = revision,
        };
    }

    /// <summary>FOCUS unit of a meter (its quantity is per hour of the thing measured).</summary>
    public static string Unit(string meter) => meter switch
    {
        Meters.VcpuHours => "vCPU-Hours",
        Meters.MemoryGibHours or Meters.StorageGibHours => "GiB-Hours",
        _ => "Hours",
    };

    /// <summary>The price per unit the amount works out to (a day of a tiered line may mix tiers); 0 for no quantity.</summary>
    private static decimal UnitPrice(decimal amount, decimal quantity) => quantity == 0 ? 0 : amount / quantity;
}
