using CloudBroker.Accounting.Exports;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Accounting.PeriodFixtures;
using static CloudBroker.Api.Tests.Accounting.RatingFixtures;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>
/// Schedule rounds run at once, each on its own connection (on PostgreSQL truly side by side, as two workers' would):
/// every day's revision and every final is made once per tenant, never twice.
/// </summary>
public sealed class ExportScheduleRaceTests(ExportScheduleFactory factory) : IClassFixture<ExportScheduleFactory>
{
    private const int Year = 2024;

    private const int Rounds = 4;

    [Fact]
    public async Task Rounds_at_once_make_each_revision_once()
    {
        var tenants = Enumerable.Range(0, 6).Select(i => UniqueName($"race{i}")).ToList();
        using var admin = factory.CreateAdminClient();
        await admin.PublishBookAsync(UniqueName("rates"), At(1, 1, year: Year), [PriceBookCalls.Line("mock", "m1-small", "0.50")]);
        await factory.AddUsageAsync([.. tenants.Select(t => Machine($"{t}-vm", At(3, 1, 6, Year), At(3, 10, year: Year), t))]);

        foreach (var now in new[] { At(3, 2, year: Year), At(3, 3, year: Year), At(3, 4, year: Year), At(4, 3, year: Year).AddSeconds(1) })
        {
            await factory.RateToAsync(now);
            var made = await Task.WhenAll(Enumerable.Range(0, Rounds).Select(_ => Task.Run(factory.ScheduleAsync)));
            Assert.Equal(tenants.Count, made.Sum());
        }

        Assert.Equal(0, await factory.ScheduleAsync());
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var exports = await db.Set<Export>().AsNoTracking().Where(e => tenants.Contains(e.TenantId)).ToListAsync(Ct);
        foreach (var tenant in tenants)
        {
            Assert.Equal(
                [(1, "2024-03-01"), (2, "2024-03-02"), (3, "2024-03-03"), (4, ExportSchedule.Final)],
                exports.Where(e => e.TenantId == tenant).OrderBy(e => e.Revision).Select(e => (e.Revision, e.Schedule)));
        }
    }
}
