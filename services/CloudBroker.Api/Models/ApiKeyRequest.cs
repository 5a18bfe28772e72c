namespace CloudBroker.Api.Models;

/// <summary>The body of <c>POST /api/users/{id}/api-keys</c>.</summary>
public sealed record ApiKeyRequest(string? Name = null);
