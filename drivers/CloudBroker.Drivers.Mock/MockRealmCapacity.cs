namespace CloudBroker.Drivers.Mock;

/// <summary>What one mock realm holds in all (<c>Capacity:&lt;realm&gt;</c>); a value left out is one the mock cannot say.</summary>
public sealed class MockRealmCapacity
{
    public long? Cpu { get; set; }

    public long? MemoryMiB { get; set; }

    public long? StorageGiB { get; set; }
}
