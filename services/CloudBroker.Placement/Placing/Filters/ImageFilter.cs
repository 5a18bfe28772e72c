namespace CloudBroker.Placement.Placing.Filters;

/// <summary>The image family maps to an image the provider's catalog has, and the size's disk holds it.</summary>
public sealed class ImageFilter : IPlacementFilter
{
    public string Name => "image";

    public string? Refuses(PlacementOrder order, PlacementCandidate candidate) =>
        candidate.Image is null
            ? order.Images.ContainsKey(candidate.Pool.ProviderId)
                ? $"provider '{candidate.Pool.ProviderId}' no longer lists the family's image"
                : $"the image family has no image on provider '{candidate.Pool.ProviderId}'"
        : candidate.Image.MinStorageGiB > order.StorageGiB
            ? $"image '{candidate.Image.Id}' needs a disk of at least {candidate.Image.MinStorageGiB} GiB"
            : null;
}
