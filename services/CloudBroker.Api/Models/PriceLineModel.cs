using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>
/// A price per unit-hour of one provider's SKU (a hardware profile id, or a meter such as <c>vcpu-hours</c>), for every
/// tenant or for one (<c>tenantId</c>: a negotiated line). <c>tierMode</c> <c>flat</c> (default) uses <c>unitPrice</c>;
/// <c>graduated</c> and <c>volume</c> use <c>tiers</c>. <c>monthlyFee</c>: a licence per instance of a hardware profile per month.
/// </summary>
public sealed record PriceLineModel(
    [property: Text(63)] string? ProviderId,
    [property: Text(256)] string? Sku,
    [property: Text(64)] string? TenantId = null,
    [property: Text(16)] string? TierMode = null,
    [property: Text(InputLimits.PriceMaxLength, TextKind.Price)] string? UnitPrice = null,
    [property: Items(32)] IReadOnlyList<PriceTierModel>? Tiers = null,
    [property: Text(InputLimits.PriceMaxLength, TextKind.Price)] string? MonthlyFee = null);
