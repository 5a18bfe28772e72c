namespace CloudBroker.Placement;

/// <summary>Settings of pools, their inventory and placement (<c>CloudBroker:Placement</c>).</summary>
public sealed class PlacementOptions
{
    public const string Section = "CloudBroker:Placement";

    /// <summary>How often the worker reads each provider's capacity (5 minutes).</summary>
    public TimeSpan InventoryRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How old the in-memory view of pools and inventory may be at a decision (2 seconds; this process's own claims refresh it at once).</summary>
    public TimeSpan SnapshotMaxAge { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Pack machines on the fullest realm that fits instead of spreading them on the emptiest (false).</summary>
    public bool Pack { get; set; }

    /// <summary>How many providers a create tries when a claim finds its chosen realms taken meanwhile (3), before 409.</summary>
    public int ProviderAttempts { get; set; } = 3;

    /// <summary>The weighers' multipliers: each weigher's normalised value (0..1) is multiplied by its own.</summary>
    public PlacementWeights Weights { get; set; } = new();
}

/// <summary>Multipliers of the weighers (Nova-style: each weigher's values are normalised to 0..1 over the candidates first).</summary>
public sealed class PlacementWeights
{
    public double Priority { get; set; } = 1.0;

    public double Price { get; set; } = 1.0;

    /// <summary>Spread, or pack with <see cref="PlacementOptions.Pack"/>.</summary>
    public double Spread { get; set; } = 1.0;

    public double Failures { get; set; } = 1.0;

    /// <summary>Soft anti-affinity outweighs the others by default: landing apart is what the order asked.</summary>
    public double AntiAffinity { get; set; } = 10.0;
}
