namespace CloudBroker.Api.Models;

/// <summary>A tenant (its first group, <c>default</c>, is made with it).</summary>
public sealed record TenantModel(string Id, string Name, string? Description, DateTime CreatedAt, DateTime UpdatedAt);
