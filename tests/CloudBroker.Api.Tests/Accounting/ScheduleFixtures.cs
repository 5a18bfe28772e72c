using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Accounting.Exports;
using CloudBroker.Accounting.Periods;
using CloudBroker.Accounting.Rating;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>What the worker does as days pass — a rating run to a moment, then a round of the export schedule — and the exports finance then lists.</summary>
internal static class ScheduleFixtures
{
    /// <summary>Rates from the month before <paramref name="now"/>'s and leaves the watermark at it, as a rating run at that moment does.</summary>
    public static async Task RateToAsync(this ApiFactory host, DateTime now)
    {
        await host.RateAsync(BillingPeriods.PeriodOf(now).AddMonths(-1), now);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var row = await db.Set<RatingWatermark>().FirstOrDefaultAsync(Ct);
        if (row is null)
        {
            db.Add(new RatingWatermark { RatedTo = now, UpdatedAt = now });
        }
        else
        {
            row.RatedTo = now;
            row.UpdatedAt = now;
        }

        await db.SaveChangesAsync(Ct);
    }

    /// <summary>One round of the worker's export schedule; how many exports it requested.</summary>
    public static async Task<int> ScheduleAsync(this ApiFactory host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ExportSchedule>().RunAsync(Ct);
    }

    /// <summary>The tenant's exports of the period as finance lists them, oldest first, once every one has been built.</summary>
    public static async Task<List<JsonObject>> BuiltExportsAsync(this HttpClient finance, string tenantId, string period)
    {
        for (var waited = 0; ; waited++)
        {
            var items = (await ExpectJsonAsync(await finance.GetAsync($"/api/exports?tenantId={tenantId}&billingPeriod={period}&limit=100", Ct), HttpStatusCode.OK))["items"]!
                .AsArray().Select(e => e!.AsObject()).ToList();
            if (items.All(e => (string?)e["status"] is "succeeded" or "failed") || waited > 600)
            {
                Assert.All(items, e => Assert.Equal("succeeded", (string?)e["status"]));
                return items;
            }

            await Task.Delay(100, Ct);
        }
    }
}
