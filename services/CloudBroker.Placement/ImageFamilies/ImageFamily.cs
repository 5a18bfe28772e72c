namespace CloudBroker.Placement.ImageFamilies;

/// <summary>A broker-level image name users order by ("debian-12"), mapped to each provider's own image id.</summary>
public sealed class ImageFamily
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>Provider id → that provider's image id.</summary>
    public Dictionary<string, string> Images { get; set; } = new(StringComparer.Ordinal);

    public int Version { get; set; } = 1;

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }
}
