namespace CloudBroker.Placement;

/// <summary>Settings of pools and their inventory (<c>CloudBroker:Placement</c>).</summary>
public sealed class PlacementOptions
{
    public const string Section = "CloudBroker:Placement";

    /// <summary>How often the worker reads each provider's capacity (5 minutes).</summary>
    public TimeSpan InventoryRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);
}
