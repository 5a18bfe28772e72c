namespace CloudBroker.Placement.Placing.Filters;

/// <summary>The provider declares every capability the order uses (an SSH key, user data, a realm asked…).</summary>
public sealed class CapabilityFilter : IPlacementFilter
{
    public string Name => "capabilities";

    public string? Refuses(PlacementOrder order, PlacementCandidate candidate)
    {
        foreach (var capability in order.Capabilities)
        {
            if (candidate.Provider is { } provider && !provider.Capabilities.Contains(capability))
            {
                return $"provider '{provider.Id}' does not support '{capability}'";
            }
        }

        return null;
    }
}
