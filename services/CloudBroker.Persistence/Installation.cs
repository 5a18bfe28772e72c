namespace CloudBroker.Persistence;

/// <summary>The single row naming this installation; its id is stamped on every machine the broker makes.</summary>
public sealed class Installation
{
    public const int SingletonKey = 1;

    public int Key { get; set; } = SingletonKey;

    public required string Id { get; set; }

    public DateTime CreatedAt { get; set; }
}
