namespace CloudBroker.Identity.Tenancy;

/// <summary>An organisation using the broker: it owns groups, users and everything they make.</summary>
public sealed class Tenant
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: the <c>ETag</c> clients send back in <c>If-Match</c>.</summary>
    public int Version { get; set; }
}
