using CloudBroker.Accounting.Metering;
using CloudBroker.Accounting.Rating;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>Usage written as metering writes it, rating run at a chosen moment, and charges read back, for period and showback tests.</summary>
internal static class PeriodFixtures
{
    public static UsageInterval Machine(
        string instanceId, DateTime start, DateTime? end, string tenantId, string? groupId = null, string? ownerId = null, string? realmId = null, string tags = "{}") => new()
    {
        Id = $"{instanceId}-{start:yyyyMMddHHmm}",
        InstanceId = instanceId,
        Meter = Meters.InstanceHours,
        Quantity = 1m,
        Start = start,
        End = end,
        StartEventId = 1,
        TenantId = tenantId,
        GroupId = groupId ?? tenantId + "-default",
        OwnerId = ownerId ?? tenantId + "-member",
        ProviderId = "mock",
        RealmId = realmId,
        HardwareProfileId = "m1-small",
        Tags = tags,
    };

    public static async Task AddUsageAsync(this ApiFactory host, params UsageInterval[] usage)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        db.AddRange(usage);
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>The rating run of the app, rating from <paramref name="fromMonth"/> as if the clock said <paramref name="now"/>.</summary>
    public static async Task RateAsync(this ApiFactory host, DateTime fromMonth, DateTime now)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RatingRun>().RateAsync(fromMonth, now, Ct);
    }

    public static async Task<List<Charge>> ChargesAsync(this ApiFactory host, string tenantId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        return [.. (await db.Set<Charge>().AsNoTracking().Where(c => c.TenantId == tenantId).ToListAsync(Ct)).OrderBy(c => c.Id, StringComparer.Ordinal)];
    }
}
