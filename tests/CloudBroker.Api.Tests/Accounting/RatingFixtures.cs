using CloudBroker.Accounting.Metering;
using CloudBroker.Accounting.Pricing;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>Usage and published versions written by hand, for rating tests.</summary>
internal static class RatingFixtures
{
    public static DateTime At(int month, int day, int hour = 0, int year = 2026) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    public static UsageInterval Usage(
        string id, string instanceId, DateTime start, DateTime? end, string meter = Meters.InstanceHours, decimal quantity = 1m,
        string tenantId = "t1", string providerId = "p1", string profile = "small") => new()
    {
        Id = id,
        InstanceId = instanceId,
        Meter = meter,
        Quantity = quantity,
        Start = start,
        End = end,
        StartEventId = 1,
        TenantId = tenantId,
        GroupId = tenantId + "-default",
        OwnerId = tenantId + "-member",
        ProviderId = providerId,
        HardwareProfileId = profile,
        Tags = "{}",
    };

    public static PriceLineDraft Flat(string sku, decimal price, string? tenantId = null, decimal? fee = null, string providerId = "p1") =>
        new(providerId, sku, tenantId, TierModes.Flat, price, [], fee);

    public static PriceLineDraft Tiered(string sku, string mode, params PriceTier[] tiers) => new("p1", sku, null, mode, 0m, tiers, null);

    public static PriceBookVersion Published(string bookId, int number, DateTime from, IReadOnlyList<PriceLineDraft> lines, IReadOnlyList<ContractDraft>? contracts = null)
    {
        var version = new PriceBookVersion { BookId = bookId, Number = number, Status = PriceBookStatuses.Draft };
        version.Edit(from, null, lines, contracts ?? [], from);
        version.Publish(new PriceBook { Id = bookId, Name = bookId, Currency = "USD" }, "USD", from);
        return version;
    }
}
