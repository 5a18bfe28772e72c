namespace CloudBroker.Identity.Tenancy;

/// <summary>A group of users inside a tenant; what a user makes is charged to one of its groups.</summary>
public sealed class Group
{
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }
}
