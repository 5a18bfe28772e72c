namespace CloudBroker.Accounting.Pricing;

/// <summary>A line as an admin writes it into a draft (validated by <see cref="PriceBookDraftRules"/>).</summary>
public sealed record PriceLineDraft(
    string ProviderId, string Sku, string? TenantId, string TierMode, decimal UnitPrice, IReadOnlyList<PriceTier> Tiers, decimal? MonthlyFee)
{
    internal PriceLine ToLine(string bookId, int versionNumber, int index) => new()
    {
        BookId = bookId,
        VersionNumber = versionNumber,
        Index = index,
        ProviderId = ProviderId,
        Sku = Sku,
        TenantId = TenantId,
        TierMode = TierMode,
        UnitPrice = TierMode == TierModes.Flat ? UnitPrice : 0m,
        Tiers = PriceTier.Format(Tiers),
        MonthlyFee = MonthlyFee,
    };
}
