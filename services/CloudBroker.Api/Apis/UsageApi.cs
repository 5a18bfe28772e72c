using System.Globalization;
using CloudBroker.Accounting.Metering;
using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Instances;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Apis;

/// <summary>
/// <c>GET /api/usage</c>: metered usage intervals for finance, auditors and admins, of the caller's tenant (every tenant
/// for those who read every tenant), oldest first; filtered by instance, meter and a time range they overlap.
/// </summary>
internal static class UsageApi
{
    public static void MapUsageApi(this IEndpointRouteBuilder api) =>
        api.MapGet("/usage", List).Allow(AccessRule.Finance).WithTags("Usage")
            .AllowQuery("instanceId", "meter", "from", "to", "limit", "cursor")
            .WithSummary("Metered usage: one meter of one instance over [start, end), with its tags; oldest first (keyset pages)")
            .ProducesProblem(400).ProducesProblem(403);

    private static async Task<Ok<Page<UsageIntervalModel>>> List(
        HttpContext http, BrokerDbContext db, string? instanceId, string? meter, string? from, string? to, int? limit, string? cursor,
        CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var tenantId = Caller.From(http.User).ReadFilter;
        var query = db.Set<UsageInterval>().AsNoTracking().Where(u => tenantId == null || u.TenantId == tenantId);
        if (instanceId is not null)
        {
            query = query.Where(u => u.InstanceId == instanceId);
        }

        if (meter is not null)
        {
            if (!Meters.All.Contains(meter, StringComparer.Ordinal))
            {
                throw ProblemException.InvalidParameter("meter", $"'{meter}' is not a meter", new FieldLimit(Values: [.. Meters.All]));
            }

            query = query.Where(u => u.Meter == meter);
        }

        var since = TimestampParameter.Parse("from", from);
        var until = TimestampParameter.Parse("to", to);
        if (since is not null && until is not null && since >= until)
        {
            throw ProblemException.InvalidParameter("to", "must be later than 'from'");
        }

        if (since is { } start)
        {
            query = query.Where(u => u.End == null || u.End > start);
        }

        if (until is { } end)
        {
            query = query.Where(u => u.Start < end);
        }

        if (page.After is not null)
        {
            var (afterStart, afterId) = Cursor(page.After);
            query = query.Where(u => u.Start > afterStart || (u.Start == afterStart && string.Compare(u.Id, afterId) > 0));
        }

        var fetched = await query.OrderBy(u => u.Start).ThenBy(u => u.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Cut(fetched, u => u.Start.Ticks.ToString(CultureInfo.InvariantCulture) + ":" + u.Id);
        return TypedResults.Ok(new Page<UsageIntervalModel>(items.Select(ToModel).ToArray(), next));
    }

    private static (DateTime Start, string Id) Cursor(string key)
    {
        var parts = key.Split(':', 2);
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTime.MaxValue.Ticks
            ? (new DateTime(ticks, DateTimeKind.Utc), parts[1])
            : throw ProblemException.InvalidParameter("cursor", "is not a cursor this API returned");
    }

    private static UsageIntervalModel ToModel(UsageInterval u) => new(
        u.Id, u.InstanceId, u.Meter, WireMapping.Decimal(u.Quantity), u.Start, u.End, u.TenantId, u.GroupId, u.OwnerId,
        u.ProviderId, u.RealmId, u.HardwareProfileId, InstanceTags.FromJson(u.Tags));
}
