using CloudBroker.Accounting.Alerts;
using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Persistence;
using CloudBroker.Quotas.Pricing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Apis;

/// <summary>Budget alerts, for finance: a tenant's tenant-admins and finance read their tenant's; the broker's own readers every tenant's.</summary>
internal static class AlertsApi
{
    public static void MapAlertsApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/alerts", List).WithTags("Alerts").Allow(AccessRule.Finance).AllowQuery("tenantId", "period", "limit", "cursor")
            .WithSummary("Budget alerts in the order they were raised (period: yyyy-MM)").ProducesProblem(400);
    }

    private static async Task<Ok<Page<AlertModel>>> List(
        HttpContext http, BrokerDbContext db, string? tenantId, string? period, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var query = db.Set<Alert>().AsNoTracking();
        if (Caller.From(http.User).ReadFilter is { } own)
        {
            query = query.Where(a => a.TenantId == own);
        }

        if (tenantId is not null)
        {
            query = query.Where(a => a.TenantId == tenantId);
        }

        if (period is not null)
        {
            query = query.Where(a => a.Period == period);
        }

        if (page.After is not null)
        {
            query = query.Where(a => string.Compare(a.Id, page.After) > 0);
        }

        var fetched = await query.OrderBy(a => a.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Cut(fetched, a => a.Id);
        return TypedResults.Ok(new Page<AlertModel>([.. items.Select(ToModel)], next));
    }

    private static AlertModel ToModel(Alert a) => new(
        a.Id, a.Kind, a.TenantId, a.Scope, a.ScopeId, a.Period, a.Threshold, MicroUnits.Format(a.LimitMicros), MicroUnits.Format(a.UsedMicros),
        a.Currency, a.RaisedAt);
}
