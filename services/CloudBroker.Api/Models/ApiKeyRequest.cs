using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>The body of <c>POST /api/users/{id}/api-keys</c>.</summary>
public sealed record ApiKeyRequest([property: Text(63)] string? Name = null);
