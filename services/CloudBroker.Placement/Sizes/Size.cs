namespace CloudBroker.Placement.Sizes;

/// <summary>A broker-level machine size users order by ("small": 2 vCPU, 4096 MiB, 20 GiB), matched per provider to a hardware profile (<see cref="SizeMatching"/>).</summary>
public sealed class Size
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public int Cpu { get; set; }

    public int MemoryMiB { get; set; }

    public int StorageGiB { get; set; }

    public int Version { get; set; } = 1;

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }
}
