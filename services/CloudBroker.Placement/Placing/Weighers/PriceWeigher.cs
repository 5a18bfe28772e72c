namespace CloudBroker.Placement.Placing.Weighers;

/// <summary>
/// Cheaper is better: the hourly price of the size's profile on the provider for the caller's tenant (the price books,
/// through the size match). An unpriced profile weighs as the dearest of the candidates: no book is not free.
/// </summary>
public sealed class PriceWeigher : IPlacementWeigher
{
    public string Name => "price";

    public double Raw(PlacementOrder order, PlacementCandidate candidate) =>
        candidate.Match is { HourlyPrice: > 0 } match ? -(double)match.HourlyPrice : double.NegativeInfinity;
}
