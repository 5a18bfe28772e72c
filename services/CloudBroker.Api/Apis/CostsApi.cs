using System.Globalization;
using CloudBroker.Accounting.Showback;
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

/// <summary>
/// <c>GET /api/costs</c>, showback: billed and list cost grouped by tenant, group, user, provider, realm or a tag's
/// value, per day or month of the usage (a correction counts on the day it corrects), read from the pre-aggregates the
/// rating run keeps (<see cref="CostRollup"/>), never from the charges. What a caller sees is the instances it may
/// read (<c>OwnedRows</c>): a member its own and its groups', a tenant's readers their tenant, the broker's every tenant.
/// </summary>
internal static class CostsApi
{
    private const int MaxDays = 366;
    private const int MaxMonths = 120;
    private const int MaxTagKeyLength = 128;
    private static readonly string[] Attributes = ["tenant", "group", "user", "provider", "realm"];

    public static void MapCostsApi(this IEndpointRouteBuilder api) =>
        api.MapGet("/costs", List).Allow(AccessRule.Read).WithTags("Costs")
            .AllowQuery("groupBy", "from", "to", "granularity", "limit", "cursor")
            .WithSummary("Showback: cost by tenant, group, user, provider, realm or tag:<key>, per day or month (from and to: days, yyyy-MM-dd, to exclusive; default the month to date)")
            .ProducesProblem(400);

    private static async Task<Ok<CostsModel>> List(
        HttpContext http, BrokerDbContext db, IOptions<QuotaOptions> options, TimeProvider time,
        string? groupBy, string? from, string? to, string? granularity, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var (attribute, tagKey) = GroupBy(groupBy ?? "tenant");
        var monthly = (granularity ?? "month") switch
        {
            "month" => true,
            "day" => false,
            _ => throw ProblemException.InvalidParameter("granularity", $"'{granularity}' is not a granularity", new FieldLimit(Values: ["day", "month"])),
        };
        var today = time.GetUtcNow().UtcDateTime.Date;
        var since = from is null ? new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc) : DayParameter.Parse(from, "from");
        var until = to is null ? today.AddDays(1) : DayParameter.Parse(to, "to");
        if (until <= since)
        {
            throw ProblemException.InvalidParameter("to", "must be later than 'from'");
        }

        if (monthly ? since.AddMonths(MaxMonths) < until : since.AddDays(MaxDays) < until)
        {
            throw ProblemException.InvalidParameter("to", monthly ? $"must be at most {MaxMonths} months after 'from'" : $"must be at most {MaxDays} days after 'from'",
                new FieldLimit(Max: monthly ? MaxMonths : MaxDays));
        }

        var rows = Caller.From(http.User).Rows().Readable(db.Set<CostRollup>().AsNoTracking()).Where(r => r.Day >= since && r.Day < until);
        rows = tagKey is null ? rows.Where(r => r.TagKey == "") : rows.Where(r => r.TagKey == "" || r.TagKey == tagKey);
        var sums = new SortedDictionary<string, (string? Key, string Period, decimal List, decimal Billed)>(StringComparer.Ordinal);
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var period = row.Day.ToString(monthly ? "yyyy-MM" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (tagKey is null)
            {
                Add(period, KeyOf(row, attribute!), row.ListCost, row.BilledCost);
            }
            else if (row.TagKey.Length > 0)
            {
                Add(period, row.TagValue, row.ListCost, row.BilledCost);
                Add(period, null, -row.ListCost, -row.BilledCost); // what carries the tag is not untagged
            }
            else
            {
                Add(period, null, row.ListCost, row.BilledCost);
            }
        }

        var items = sums.Where(s => page.After is null || string.CompareOrdinal(s.Key, page.After) > 0)
            .Where(s => s.Value.Key is not null || s.Value.List != 0m || s.Value.Billed != 0m)
            .Take(page.Limit + 1).ToList();
        var (pageItems, next) = page.Cut(items, s => s.Key);
        return TypedResults.Ok(new CostsModel(options.Value.Currency,
            [.. pageItems.Select(s => new CostItemModel(s.Value.Key, s.Value.Period, WireMapping.Decimal(s.Value.List), WireMapping.Decimal(s.Value.Billed)))], next));

        void Add(string period, string? key, decimal list, decimal billed)
        {
            var sortKey = period + "\n" + (key is null ? "0" : "1" + key); // ordinal order: by period, then key (no key first)
            var sum = sums.TryGetValue(sortKey, out var found) ? found : (Key: key, Period: period, List: 0m, Billed: 0m);
            sums[sortKey] = (key, period, sum.List + list, sum.Billed + billed);
        }
    }

    /// <summary>An attribute of <see cref="Attributes"/>, or <c>tag:&lt;key&gt;</c>.</summary>
    private static (string? Attribute, string? TagKey) GroupBy(string groupBy)
    {
        if (Attributes.Contains(groupBy, StringComparer.Ordinal))
        {
            return (groupBy, null);
        }

        if (groupBy.StartsWith("tag:", StringComparison.Ordinal))
        {
            var key = groupBy["tag:".Length..];
            return key.Length is > 0 and <= MaxTagKeyLength ? (null, key)
                : throw ProblemException.InvalidParameter("groupBy", $"names a tag key of 1 to {MaxTagKeyLength} characters after 'tag:'", new FieldLimit(MaxLength: MaxTagKeyLength + 4));
        }

        throw ProblemException.InvalidParameter("groupBy", $"'{groupBy}' is not something costs group by", new FieldLimit(Values: [.. Attributes, "tag:<key>"]));
    }

    private static string? KeyOf(CostRollup row, string attribute) => attribute switch
    {
        "tenant" => row.TenantId,
        "group" => row.GroupId,
        "user" => row.OwnerId,
        "provider" => row.ProviderId,
        _ => row.RealmId.Length > 0 ? row.RealmId : null,
    };
}
