using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>The body of <c>POST /api/exports</c>: the tenant and its billing period (<c>YYYY-MM</c>, a UTC calendar month).</summary>
public sealed record ExportRequest(
    [property: Text(64)] string? TenantId,
    [property: Text(7)] string? BillingPeriod);
