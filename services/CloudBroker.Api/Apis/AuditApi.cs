using System.Globalization;
using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Audit;
using CloudBroker.Identity.Access;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Apis;

/// <summary>
/// <c>GET /api/audit</c>: the append-only record of mutations, newest first. The broker's own admins and
/// auditors (tenant <c>system</c>) read every tenant (<see cref="Caller.ReadsEveryTenant"/>); a tenant's
/// <c>tenant-admin</c> or <c>auditor</c> reads its own tenant only: what its users did and what a broker admin did to its
/// data (a <c>tenantId</c> filter naming another tenant finds nothing).
/// </summary>
internal static class AuditApi
{
    private static readonly string[] Methods = ["POST", "PUT", "PATCH", "DELETE"];

    public static void MapAuditApi(this IEndpointRouteBuilder api) =>
        api.MapGet("/audit", List).Allow(AccessRule.Audit).WithTags("Audit")
            .AllowQuery("tenantId", "targetTenantId", "userId", "method", "result", "status", "route", "from", "to", "limit", "cursor")
            .WithSummary("The audit log: every mutation with who, tenant, target tenant, what, when, result and source address; newest first (keyset pages)")
            .ProducesProblem(400).ProducesProblem(403);

    private static async Task<Ok<Page<AuditEntryModel>>> List(
        HttpContext http, BrokerDbContext db,
        string? tenantId, string? targetTenantId, string? userId, string? method, string? result, string? status, string? route, string? from, string? to,
        int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var caller = Caller.From(http.User);
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (!caller.ReadsEveryTenant)
        {
            // What the tenant's users did, and what a broker admin did to the tenant's data.
            query = query.Where(e => e.TenantId == caller.TenantId || e.TargetTenantId == caller.TenantId);
        }

        if (tenantId is not null)
        {
            query = query.Where(e => e.TenantId == tenantId);
        }

        if (targetTenantId is not null)
        {
            query = query.Where(e => e.TargetTenantId == targetTenantId);
        }

        if (userId is not null)
        {
            query = query.Where(e => e.UserId == userId);
        }

        if (method is not null)
        {
            var upper = method.ToUpperInvariant();
            if (!Methods.Contains(upper, StringComparer.Ordinal))
            {
                throw ProblemException.InvalidParameter("method", $"'{method}' is not a recorded method", new FieldLimit(Values: Methods));
            }

            query = query.Where(e => e.Method == upper);
        }

        if (result is not null)
        {
            if (!AuditResult.All.Contains(result, StringComparer.Ordinal))
            {
                throw ProblemException.InvalidParameter("result", $"'{result}' is not a result", new FieldLimit(Values: [.. AuditResult.All]));
            }

            query = query.Where(e => e.Result == result);
        }

        if (status is not null)
        {
            if (!int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code is < 100 or > 599)
            {
                throw ProblemException.InvalidParameter("status", "must be an HTTP status code between 100 and 599", new FieldLimit(Min: 100, Max: 599));
            }

            query = query.Where(e => e.Status == code);
        }

        if (route is not null)
        {
            query = query.Where(e => e.Route == route);
        }

        var since = TimestampParameter.Parse("from", from);
        var until = TimestampParameter.Parse("to", to);
        if (since is not null && until is not null && since >= until)
        {
            throw ProblemException.InvalidParameter("to", "must be later than 'from'");
        }

        if (since is { } start)
        {
            query = query.Where(e => e.At >= start);
        }

        if (until is { } end)
        {
            query = query.Where(e => e.At < end);
        }

        if (page.After is not null)
        {
            var after = long.TryParse(page.After, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed
                : throw ProblemException.InvalidParameter("cursor", "is not a cursor this API returned");
            query = query.Where(e => e.Id < after);
        }

        // Ids are the database's identity: descending id is newest first and a stable keyset.
        var fetched = await query.OrderByDescending(e => e.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Cut(fetched, e => e.Id.ToString(CultureInfo.InvariantCulture));
        return TypedResults.Ok(new Page<AuditEntryModel>(items.Select(ToModel).ToArray(), next));
    }

    private static AuditEntryModel ToModel(AuditEntry e) => new(
        e.Id.ToString(CultureInfo.InvariantCulture), e.At, e.TenantId, e.TargetTenantId, e.UserId, e.ApiKeyId, e.Method, e.Route, e.Target,
        e.Status, e.Result, e.Problem, e.SourceAddress, e.RequestId, e.IdempotencyKey);
}
