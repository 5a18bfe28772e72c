namespace CloudBroker.Accounting.Pricing;

/// <summary>
/// Every published price-book version compiled into epochs of constant prices, for rating and for the budget's
/// estimate alike (the one source of prices). Within a book the version with the latest <c>from</c> not after a
/// moment is in force (until its own <c>to</c>); across books, of two lines for the same provider, SKU and tenant,
/// the one whose version took effect later wins, then the book whose id sorts first. Contracts resolve the same way.
/// Immutable: a publication builds a new catalog.
/// </summary>
public sealed class PriceCatalog
{
    private readonly PriceEpoch[] _epochs;

    private PriceCatalog(PriceEpoch[] epochs) => _epochs = epochs;

    public static PriceCatalog Empty { get; } = new([new PriceEpoch(DateTime.MinValue, DateTime.MaxValue, [], [])]);

    public IReadOnlyList<PriceEpoch> Epochs => _epochs;

    /// <summary>The epoch containing <paramref name="at"/>.</summary>
    public PriceEpoch At(DateTime at)
    {
        int low = 0, high = _epochs.Length - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (_epochs[mid].From <= at)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return _epochs[low];
    }

    /// <summary>Compiles the published versions (drafts are ignored) with their lines and contracts.</summary>
    public static PriceCatalog Build(IEnumerable<PriceBookVersion> versions)
    {
        var published = versions.Where(v => v.IsPublished).ToList();
        var cuts = published.SelectMany(v => v.EffectiveTo is { } to ? [v.EffectiveFrom, to] : new[] { v.EffectiveFrom })
            .Append(DateTime.MinValue).Distinct().Order().ToList();
        var epochs = new PriceEpoch[cuts.Count];

        // One rule per line for every epoch it is in force in: rating keys a day's charge by its rule, so a line cut by
        // another book's start in mid-day must stay one charge (two rules of one line gave two charges with one id).
        var rules = new Dictionary<(string, int, int), PriceRule>();
        for (var i = 0; i < cuts.Count; i++)
        {
            var from = cuts[i];
            var to = i + 1 < cuts.Count ? cuts[i + 1] : DateTime.MaxValue;
            epochs[i] = Compile(from, to, InForce(published, from), rules);
        }

        return new PriceCatalog(epochs);
    }

    /// <summary>Each book's version in force at <paramref name="at"/>, latest <c>from</c> first, then by book id.</summary>
    private static List<PriceBookVersion> InForce(List<PriceBookVersion> published, DateTime at) =>
        [.. published.GroupBy(v => v.BookId, StringComparer.Ordinal)
            .Select(book => book.Where(v => v.EffectiveFrom <= at).OrderByDescending(v => v.EffectiveFrom).ThenByDescending(v => v.Number).FirstOrDefault())
            .Where(v => v is not null && (v.EffectiveTo is null || at < v.EffectiveTo))
            .OrderByDescending(v => v!.EffectiveFrom).ThenBy(v => v!.BookId, StringComparer.Ordinal)
            .Select(v => v!)];

    private static PriceEpoch Compile(DateTime from, DateTime to, List<PriceBookVersion> inForce, Dictionary<(string, int, int), PriceRule> rules)
    {
        PriceRule Rule(PriceLine line, DateTime effectiveFrom) =>
            rules.TryGetValue((line.BookId, line.VersionNumber, line.Index), out var rule) ? rule
            : rules[(line.BookId, line.VersionNumber, line.Index)] = new PriceRule(line, effectiveFrom);

        var skus = new Dictionary<(string, string), SkuPrices>();
        var contracts = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var version in inForce) // the winner comes first: later ones only fill gaps
        {
            foreach (var line in version.Lines)
            {
                if (!skus.TryGetValue((line.ProviderId, line.Sku), out var prices))
                {
                    skus[(line.ProviderId, line.Sku)] = prices = new SkuPrices();
                }

                if (line.TenantId is null)
                {
                    prices.General ??= Rule(line, version.EffectiveFrom);
                }
                else
                {
                    prices.ByTenant.TryAdd(line.TenantId, Rule(line, version.EffectiveFrom));
                }
            }

            foreach (var contract in version.Contracts)
            {
                contracts.TryAdd(contract.TenantId, contract.Percent);
            }
        }

        return new PriceEpoch(from, to, skus, contracts);
    }
}
