using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>The body of <c>POST /api/webhooks</c>: where to send (checked against the endpoint allow-list and the SSRF rules) and, for an admin, whose tenant's alerts.</summary>
public sealed record WebhookRequest(
    [property: Text(2048)] string? Url,
    [property: Text(256)] string? Description = null,
    [property: Text(63, TextKind.Label)] string? TenantId = null);
