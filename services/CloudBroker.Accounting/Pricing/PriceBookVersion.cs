using CloudBroker.Problems;

namespace CloudBroker.Accounting.Pricing;

/// <summary>
/// One version of a <see cref="PriceBook"/>: lines and tenant contracts in force over <c>[EffectiveFrom, EffectiveTo)</c>.
/// A draft is edited (its lines replaced as a whole); publishing freezes it. Of a book's published versions, the one
/// with the latest <see cref="EffectiveFrom"/> not after a moment is in force then (so a newer version's <c>from</c>
/// ends the previous one's range, and a mid-month change splits usage at that time); past its own
/// <see cref="EffectiveTo"/> the book prices nothing.
/// </summary>
public sealed class PriceBookVersion
{
    public required string BookId { get; init; }

    public int Number { get; init; }

    /// <summary>One of <see cref="PriceBookStatuses"/>.</summary>
    public required string Status { get; set; }

    public DateTime EffectiveFrom { get; set; }

    public DateTime? EffectiveTo { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? PublishedAt { get; set; }

    /// <summary>Optimistic concurrency: the <c>ETag</c> clients send back in <c>If-Match</c>.</summary>
    public int Version { get; set; }

    public List<PriceLine> Lines { get; init; } = [];

    public List<TenantContract> Contracts { get; init; } = [];

    public bool IsPublished => Status == PriceBookStatuses.Published;

    /// <summary>Replaces the draft's range, lines and contracts (validated first); a published version refuses.</summary>
    public void Edit(DateTime effectiveFrom, DateTime? effectiveTo, IReadOnlyList<PriceLineDraft> lines, IReadOnlyList<ContractDraft> contracts, DateTime now)
    {
        EnsureDraft();
        PriceBookDraftRules.Check(effectiveFrom, effectiveTo, lines, contracts);
        EffectiveFrom = effectiveFrom;
        EffectiveTo = effectiveTo;
        Lines.Clear();
        Lines.AddRange(lines.Select((line, index) => line.ToLine(BookId, Number, index)));
        Contracts.Clear();
        Contracts.AddRange(contracts.Select(c => new TenantContract { BookId = BookId, VersionNumber = Number, TenantId = c.TenantId, Percent = c.Percent }));
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Freezes the draft; only a book in the broker's currency may be published (one currency this wave).</summary>
    public void Publish(PriceBook book, string brokerCurrency, DateTime now)
    {
        EnsureDraft();
        if (!string.Equals(book.Currency, brokerCurrency, StringComparison.Ordinal))
        {
            throw new ProblemException(ProblemTypes.PriceBookCurrencyUnsupported,
                $"price book '{book.Id}' is in {book.Currency}; the broker rates and budgets in {brokerCurrency} (CloudBroker:Quotas:Currency), the only currency a published book may have",
                extensions: new Dictionary<string, object?> { ["currency"] = brokerCurrency });
        }

        Status = PriceBookStatuses.Published;
        PublishedAt = now;
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Refuses any change to a published version (<c>409 price-book-version-published</c>).</summary>
    public void EnsureDraft()
    {
        if (IsPublished)
        {
            throw new ProblemException(ProblemTypes.PriceBookVersionPublished,
                $"version {Number} of price book '{BookId}' is published and never changes; create a new draft version and publish it with the time it takes over",
                extensions: new Dictionary<string, object?> { ["priceBookId"] = BookId, ["version"] = Number });
        }
    }
}
