namespace CloudBroker.Api.Models;

/// <summary>The body of <c>POST /api/tenants</c> and <c>PUT /api/tenants/{id}</c>.</summary>
public sealed record TenantRequest(string? Name, string? Description = null);
