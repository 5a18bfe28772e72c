namespace CloudBroker.Api.Models;

/// <summary>
/// One instance's charge for one SKU and meter on one UTC day under one price-book version; amounts are decimal strings
/// in <c>currency</c> at full precision (rounded only on export): <c>listAmount</c> at the general line,
/// <c>contractedAmount</c> at the tenant's line, <c>billedAmount</c> after its contract percentage. Billed in
/// <c>billingPeriod</c> (<c>yyyy-MM</c>); a <c>chargeClass</c> of <c>Correction</c> corrects <c>correctsChargeId</c> of a closed period.
/// </summary>
public sealed record ChargeModel(
    string Id, string TenantId, string GroupId, string InstanceId, string ProviderId, string Sku, string Meter, string Kind, string Day,
    string PriceBookId, int PriceBookVersion, string Quantity, string ListAmount, string ContractedAmount, string BilledAmount,
    string ContractPercent, string Currency, string BillingPeriod, string? ChargeClass, string? CorrectsChargeId);
