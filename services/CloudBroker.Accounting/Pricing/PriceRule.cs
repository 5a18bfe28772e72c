namespace CloudBroker.Accounting.Pricing;

/// <summary>
/// A published line compiled for pricing: its tiers as parallel arrays (the last bound is <see cref="decimal.MaxValue"/>;
/// a flat line is one unbounded tier), so pricing a quantity allocates nothing.
/// </summary>
public sealed class PriceRule
{
    private readonly decimal[] _bounds;
    private readonly decimal[] _prices;

    public PriceRule(PriceLine line, DateTime effectiveFrom)
    {
        BookId = line.BookId;
        VersionNumber = line.VersionNumber;
        LineIndex = line.Index;
        TenantId = line.TenantId;
        Mode = line.TierMode;
        MonthlyFee = line.MonthlyFee;
        EffectiveFrom = effectiveFrom;
        var tiers = line.TierMode == TierModes.Flat ? [new PriceTier(null, line.UnitPrice)] : PriceTier.Parse(line.Tiers);
        _bounds = [.. tiers.Select(t => t.UpTo ?? decimal.MaxValue)];
        _prices = [.. tiers.Select(t => t.UnitPrice)];
    }

    public string BookId { get; }

    public int VersionNumber { get; }

    public int LineIndex { get; }

    public string? TenantId { get; }

    /// <summary>One of <see cref="TierModes"/>.</summary>
    public string Mode { get; }

    public decimal? MonthlyFee { get; }

    /// <summary>When the line's version took effect (the newer of two lines for one SKU wins).</summary>
    public DateTime EffectiveFrom { get; }

    public bool IsVolume => Mode == TierModes.Volume;

    /// <summary>The price of the first units (what an estimate of an hour uses: tiers only get cheaper or equal as usage grows in practice, and an estimate should not fall short).</summary>
    public decimal FirstPrice => _prices.Max();

    /// <summary>
    /// The cost of <paramref name="quantity"/> unit-hours that follow <paramref name="monthToDate"/> in the month: each
    /// tier prices the part of <c>[monthToDate, monthToDate + quantity)</c> inside it (a flat line's one tier prices all).
    /// </summary>
    public decimal Graduated(decimal monthToDate, decimal quantity)
    {
        if (_bounds.Length == 1)
        {
            return quantity * _prices[0];
        }

        var cost = 0m;
        var low = 0m;
        var end = monthToDate + quantity;
        for (var t = 0; t < _bounds.Length && low < end; t++)
        {
            var from = Math.Max(low, monthToDate);
            var to = Math.Min(_bounds[t], end);
            if (to > from)
            {
                cost += (to - from) * _prices[t];
            }

            low = _bounds[t];
        }

        return cost;
    }

    /// <summary>The unit price the month's total quantity picks (tier <c>t</c> takes totals up to and including its bound).</summary>
    public decimal VolumePrice(decimal monthTotal)
    {
        for (var t = 0; t < _bounds.Length; t++)
        {
            if (monthTotal <= _bounds[t])
            {
                return _prices[t];
            }
        }

        return _prices[^1];
    }
}
