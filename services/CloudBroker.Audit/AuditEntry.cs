namespace CloudBroker.Audit;

/// <summary>
/// One mutation attempted by an authenticated caller: who, in which tenant, on which tenant's data, what (method,
/// route pattern, target ids), when, with which outcome and from where. Text is stored escaped (<see cref="AuditText"/>). Rows are only ever inserted: the database
/// refuses UPDATE and DELETE (<see cref="AuditLogTriggers"/>). Request bodies, secrets and
/// <c>Authorization</c> headers are never recorded.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Database identity: ascending in insertion order, so newest first is descending id (keyset pages).</summary>
    public long Id { get; init; }

    public DateTime At { get; init; }

    /// <summary>The caller's tenant: who acted.</summary>
    public required string TenantId { get; init; }

    /// <summary>
    /// The tenant whose data the request acted on (<see cref="AuditedTenants"/>): the caller's own, except for a broker
    /// admin acting inside a tenant. That tenant's auditors see the entry too. <c>null</c> in entries of earlier versions.
    /// </summary>
    public string? TargetTenantId { get; init; }

    public required string UserId { get; init; }

    /// <summary>The id of the API key the caller used (the <c>cb:api-key</c> claim); <c>null</c> for another scheme.</summary>
    public string? ApiKeyId { get; init; }

    public required string Method { get; init; }

    /// <summary>The endpoint's route pattern (<c>/api/instances/{id}/stop</c>), or the path when no endpoint matched.</summary>
    public required string Route { get; init; }

    /// <summary>The route's parameter values in pattern order, joined by <c>/</c> (<c>mock/0193…</c>); <c>null</c> without any.</summary>
    public string? Target { get; init; }

    public int Status { get; init; }

    /// <summary><see cref="AuditResult"/>: succeeded (2xx/3xx), refused (4xx), failed (5xx).</summary>
    public required string Result { get; init; }

    /// <summary>The problem type slug when the answer was a problem document (<c>validation</c>, <c>forbidden</c>, …).</summary>
    public string? Problem { get; init; }

    /// <summary>The connection's remote address (after ASP.NET forwarded-headers processing, if configured).</summary>
    public string? SourceAddress { get; init; }

    /// <summary>The W3C trace id of the request, or ASP.NET's request id without a trace.</summary>
    public string? RequestId { get; init; }

    public string? IdempotencyKey { get; init; }
}
