namespace CloudBroker.Api.Models;

/// <summary>A group of a tenant.</summary>
public sealed record GroupModel(string Id, string TenantId, string Name, string? Description, DateTime CreatedAt, DateTime UpdatedAt);
