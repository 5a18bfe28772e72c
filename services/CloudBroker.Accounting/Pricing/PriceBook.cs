namespace CloudBroker.Accounting.Pricing;

/// <summary>
/// A named set of prices in one currency. Its prices live in numbered <see cref="PriceBookVersion"/>s: drafts are
/// edited, published ones are immutable and in force from their effective time.
/// </summary>
public sealed class PriceBook
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>ISO 4217 code; a version is published only when it is the broker's currency (<c>CloudBroker:Quotas:Currency</c>).</summary>
    public required string Currency { get; init; }

    public DateTime CreatedAt { get; init; }
}
