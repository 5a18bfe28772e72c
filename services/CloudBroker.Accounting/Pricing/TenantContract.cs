namespace CloudBroker.Accounting.Pricing;

/// <summary>
/// A tenant's contract in a version of a price book: a percentage added to what its lines give (negative for a
/// discount, -12.5 = 12.5 % off; positive for a markup), applied after the choice between its own and the general line.
/// </summary>
public sealed class TenantContract
{
    public required string BookId { get; init; }

    public int VersionNumber { get; init; }

    public required string TenantId { get; init; }

    /// <summary>From -100 (free) to 1000.</summary>
    public decimal Percent { get; init; }
}
