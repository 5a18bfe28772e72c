using CloudBroker.Accounting.Rating;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CloudBroker.Api.Tests.Accounting.RatingFixtures;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>
/// A tenant's rated charges of March 2026 written as rating writes them, with what makes an export hard: amounts of 28
/// digits, a prorated fee, storage, tags holding commas and quotes, a charge without realm, and a correction.
/// </summary>
internal static class ExportLedger
{
    public static readonly DateTime Period = At(3, 1);

    public static async Task<List<Charge>> WriteAsync(ApiFactory factory, string tenantId)
    {
        // Rated up to now, as a rating run leaves it (the factory's worker waits an hour before its first run).
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        if (!await db.Set<RatingWatermark>().AnyAsync(Ct))
        {
            db.Add(new RatingWatermark { RatedTo = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
        }

        var third = 1m / 3m;
        List<Charge> charges =
        [
            Charge(tenantId, "a", At(3, 10), "m1-small", "instance-hours", "usage", 4m, 2.00m, 1.60m, 1.44m, "{\"team\":\"a,b\",\"note\":\"say \\\"hi\\\"\"}", "realm-1"),
            Charge(tenantId, "b", At(3, 11), "m1-small", "instance-hours", "usage", 5m + third, 0.5m * (5m + third), 0.4m * (5m + third), 0.36m * (5m + third), "{}", null),
            Charge(tenantId, "c", At(3, 11), "storage-gib-hours", "storage-gib-hours", "usage", 240m + third, 0.0001m * (240m + third), 0.0001m * (240m + third), 0.0001m * (240m + third), "{}", "realm-1"),
            Charge(tenantId, "d", At(3, 12), "m1-small", "storage-gib-hours", "fee", 24m, 10m * 24m / 744m, 10m * 24m / 744m, 9m * 24m / 744m, "{}", "realm-1"),
            Charge(tenantId, "e", At(2, 27), "m1-small", "instance-hours", "usage", 1m, 0.5m, 0.4m, 0.36m, "{}", "realm-1", correctsChargeId: "0123456789abcdef0123456789abcdef"),
        ];
        db.AddRange(charges);
        await db.SaveChangesAsync(Ct);
        return charges;
    }

    private static Charge Charge(
        string tenantId, string suffix, DateTime day, string sku, string meter, string kind, decimal quantity, decimal list, decimal contracted, decimal billed,
        string tags, string? realm, string? correctsChargeId = null) => new()
    {
        Id = (tenantId + suffix).PadRight(32, '0')[..32],
        TenantId = tenantId,
        GroupId = tenantId + "-default",
        OwnerId = tenantId + "-finance",
        InstanceId = "00000000-0000-7000-8000-00000000000" + suffix[0] % 10,
        ProviderId = "mock",
        RealmId = realm,
        Tags = tags,
        Sku = sku,
        Meter = meter,
        Kind = kind,
        Day = day,
        BillingPeriod = Period,
        ChargeClass = correctsChargeId is null ? null : ChargeClasses.Correction,
        CorrectsChargeId = correctsChargeId,
        PriceBookId = "rates",
        PriceBookVersion = 2,
        Quantity = quantity,
        ListAmount = list,
        ContractedAmount = contracted,
        BilledAmount = billed,
        ContractPercent = -10m,
    };
}
