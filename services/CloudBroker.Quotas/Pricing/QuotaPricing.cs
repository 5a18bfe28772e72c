namespace CloudBroker.Quotas.Pricing;

/// <summary>
/// The budget's price of a machine: the hourly price from the published price books (<see cref="IHourlyPrices"/>) in
/// whole micro-units, rounded up so a reservation never falls short. A machine no book prices costs 0, so budgets never
/// refuse it.
/// </summary>
public sealed class QuotaPricing(IHourlyPrices prices, TimeProvider time)
{
    /// <summary>The hourly price of a machine for a tenant now, in micro-units of the broker currency, rounded up.</summary>
    public long HourlyMicros(string tenantId, string providerId, string hardwareProfileId, long cpu, long memoryMiB, long storageGiB) =>
        MicroUnits.FromPrice(prices.HourlyPrice(tenantId, providerId, hardwareProfileId, cpu, memoryMiB, storageGiB, time.GetUtcNow().UtcDateTime));
}
