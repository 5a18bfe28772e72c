namespace CloudBroker.Api.Models;

/// <summary>
/// One entry of <c>GET /api/audit</c>: who (<c>tenantId</c>, <c>userId</c>, <c>apiKeyId</c>), on whose data
/// (<c>targetTenantId</c>: the caller's tenant, or the tenant a broker admin acted in), what (<c>method</c>,
/// <c>route</c> pattern, <c>target</c> ids), when (<c>at</c>, the time of the answer), the outcome (<c>status</c>,
/// <c>result</c>, <c>problem</c> slug) and from where (<c>sourceAddress</c>, <c>requestId</c>, <c>idempotencyKey</c>).
/// </summary>
public sealed record AuditEntryModel(
    string Id,
    DateTime At,
    string TenantId,
    string? TargetTenantId,
    string UserId,
    string? ApiKeyId,
    string Method,
    string Route,
    string? Target,
    int Status,
    string Result,
    string? Problem,
    string? SourceAddress,
    string? RequestId,
    string? IdempotencyKey);
