using CloudBroker.Provisioning.Providers;

namespace CloudBroker.Placement.Placing.Filters;

/// <summary>The provider is configured and not unavailable (its circuit open, or it could not be opened): the one health model, <see cref="Provider.Status"/>.</summary>
public sealed class HealthFilter : IPlacementFilter
{
    public string Name => "health";

    public string? Refuses(PlacementOrder order, PlacementCandidate candidate) =>
        candidate.Provider is null ? $"provider '{candidate.Pool.ProviderId}' is not configured"
        : candidate.Provider.Status == ProviderStatus.Unavailable ? $"provider '{candidate.Provider.Id}' is unavailable"
        : null;
}
