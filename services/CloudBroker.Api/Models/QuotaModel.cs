namespace CloudBroker.Api.Models;

/// <summary>A scope's quota: its limits and warning thresholds (<c>null</c> = unlimited / no warning).</summary>
public sealed record QuotaModel(
    string Scope,
    string ScopeId,
    string? TenantId,
    QuotaValuesModel Limits,
    QuotaWarnAtModel WarnAt,
    string Currency,
    DateTime? UpdatedAt);
