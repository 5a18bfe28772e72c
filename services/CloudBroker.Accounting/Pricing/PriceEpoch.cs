namespace CloudBroker.Accounting.Pricing;

/// <summary>
/// A stretch of time <c>[From, To)</c> in which the same published versions are in force: the winning line of each
/// provider × SKU (general and per tenant) and each tenant's contract percentage.
/// </summary>
public sealed class PriceEpoch(DateTime from, DateTime to, Dictionary<(string ProviderId, string Sku), SkuPrices> skus, Dictionary<string, decimal> contracts)
{
    public DateTime From { get; } = from;

    public DateTime To { get; } = to;

    public IReadOnlyDictionary<(string ProviderId, string Sku), SkuPrices> Skus => skus;

    /// <summary>The SKU's prices, or <c>null</c> when no book prices it now.</summary>
    public SkuPrices? Find(string providerId, string sku) => skus.GetValueOrDefault((providerId, sku));

    /// <summary>The tenant's contract percentage now (0 without a contract).</summary>
    public decimal ContractPercent(string tenantId) => contracts.GetValueOrDefault(tenantId);
}

/// <summary>The general line of a provider × SKU and the tenants' negotiated ones.</summary>
public sealed class SkuPrices
{
    public PriceRule? General { get; set; }

    public Dictionary<string, PriceRule> ByTenant { get; } = new(StringComparer.Ordinal);

    /// <summary>What applies to the tenant: its own line, else the general one.</summary>
    public PriceRule? For(string tenantId) => ByTenant.GetValueOrDefault(tenantId) ?? General;
}
