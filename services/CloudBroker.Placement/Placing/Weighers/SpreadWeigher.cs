using CloudBroker.Placement.Placing.Filters;

namespace CloudBroker.Placement.Placing.Weighers;

/// <summary>
/// Spread (the default: the emptiest realm wins, the least left after the machine) or pack (the fullest realm that still
/// fits wins, keeping hosts free), by <see cref="PlacementOptions.Pack"/>. The share left is the tightest resource's;
/// an unlimited realm counts as empty.
/// </summary>
public sealed class SpreadWeigher(bool pack) : IPlacementWeigher
{
    public string Name => pack ? "pack" : "spread";

    public double Raw(PlacementOrder order, PlacementCandidate candidate)
    {
        var left = 1.0;
        for (var resource = 0; resource < 3; resource++)
        {
            if (candidate.Room(resource) is ({ } allocatable, var allocated) && allocatable > 0)
            {
                left = Math.Min(left, (allocatable - allocated - CapacityFilter.Requested(order, candidate, resource)) / (double)allocatable);
            }
        }

        return pack ? -left : left;
    }
}
