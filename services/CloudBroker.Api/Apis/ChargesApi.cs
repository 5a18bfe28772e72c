using System.Globalization;
using CloudBroker.Accounting.Rating;
using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using CloudBroker.Quotas;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudBroker.Api.Apis;

/// <summary>Rated charges, for finance: a tenant's readers see their tenant's; the broker's own see every tenant's.</summary>
internal static class ChargesApi
{
    public static void MapChargesApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/charges", List).WithTags("Charges").Allow(AccessRule.Finance).AllowQuery("tenantId", "instanceId", "from", "to", "limit", "cursor")
            .WithSummary("Charges by instance, SKU and UTC day (from and to: days, yyyy-MM-dd, to exclusive)").ProducesProblem(400);
    }

    private static async Task<Ok<Page<ChargeModel>>> List(
        HttpContext http, BrokerDbContext db, IOptions<QuotaOptions> options, string? tenantId, string? instanceId, string? from, string? to,
        int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var caller = Caller.From(http.User);
        var query = db.Set<Charge>().AsNoTracking();
        if (caller.ReadFilter is { } own)
        {
            query = query.Where(c => c.TenantId == own);
        }

        if (tenantId is not null)
        {
            query = query.Where(c => c.TenantId == tenantId);
        }

        if (instanceId is not null)
        {
            query = query.Where(c => c.InstanceId == instanceId);
        }

        if (from is not null)
        {
            var day = DayParameter.Parse(from, "from");
            query = query.Where(c => c.Day >= day);
        }

        if (to is not null)
        {
            var day = DayParameter.Parse(to, "to");
            query = query.Where(c => c.Day < day);
        }

        if (page.After is not null)
        {
            query = query.Where(c => string.Compare(c.Id, page.After) > 0);
        }

        var fetched = await query.OrderBy(c => c.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Cut(fetched, c => c.Id);
        return TypedResults.Ok(new Page<ChargeModel>([.. items.Select(c => ToModel(c, options.Value.Currency))], next));
    }


    private static ChargeModel ToModel(Charge c, string currency) => new(
        c.Id, c.TenantId, c.GroupId, c.InstanceId, c.ProviderId, c.Sku, c.Meter, c.Kind, c.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        c.PriceBookId, c.PriceBookVersion, Text(c.Quantity), Text(c.ListAmount), Text(c.ContractedAmount), Text(c.BilledAmount), Text(c.ContractPercent), currency,
        c.BillingPeriod.ToString("yyyy-MM", CultureInfo.InvariantCulture), c.ChargeClass, c.CorrectsChargeId);

    private static string Text(decimal value) => WireMapping.Decimal(value);
}
