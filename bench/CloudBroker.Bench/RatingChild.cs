using System.Diagnostics;
using System.Globalization;
using CloudBroker.Accounting.Metering;
using CloudBroker.Accounting.Pricing;
using CloudBroker.Accounting.Rating;

namespace CloudBroker.Bench;

/// <summary>
/// One measured rating run in its own process (so its peak working set is its own): synthetic hourly usage of
/// <c>instances</c> machines, streamed hour by hour in start order, through <see cref="Rater.Rate"/> under a price
/// catalog with every pricing feature in use. Prints one line of <c>key=value</c> pairs for <see cref="RatingScenario"/>.
/// </summary>
internal static class RatingChild
{
    public const string Flag = "--rating-child";

    private const int Tenants = 100;

    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static int Run(string[] args)
    {
        var at = Array.IndexOf(args, Flag);
        var rows = long.Parse(args[at + 1], CultureInfo.InvariantCulture);
        var instances = int.Parse(args[at + 2], CultureInfo.InvariantCulture);
        var hours = (int)(rows / instances);
        var watermark = Start.AddHours(hours);
        var peakHeap = 0L;
        long charges = 0;
        var billed = 0m;
        var clock = Stopwatch.StartNew();
        foreach (var charge in Rater.Rate(Usage(instances, hours, () => peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false))), Prices(), Start, watermark))
        {
            charges++;
            billed += charge.BilledAmount;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rows={(long)hours * instances} seconds={seconds:F3} charges={charges} peakWorkingSet={self.PeakWorkingSet64} peakHeap={peakHeap} billed={billed}"));
        return 0;
    }

    /// <summary>
    /// Every machine's hour h, for h = 0, 1, …, in start order (one row per machine-hour, made as it is read). A fifth of the
    /// machines are sized from ranges (vCPU-hours, priced by the meter's volume tiers), a fifth carry a licence (their disk's
    /// hours drive the fee), the rest run a profile with graduated tiers; tenants 0–9 have their own line, every third a contract.
    /// </summary>
    private static IEnumerable<UsageInterval> Usage(int instances, int hours, Action sample)
    {
        var ids = Enumerable.Range(0, instances).Select(i => $"vm-{i:D6}").ToArray();
        var tenants = Enumerable.Range(0, Tenants).Select(Tenant).ToArray();
        for (var h = 0; h < hours; h++)
        {
            var start = Start.AddHours(h);
            sample();
            for (var i = 0; i < instances; i++)
            {
                var tenant = tenants[i % Tenants];
                var (meter, quantity, profile) = (i % 5) switch
                {
                    0 => (Meters.VcpuHours, 2m, "ranged"),
                    1 => (Meters.StorageGibHours, 20m, "licensed"),
                    _ => (Meters.InstanceHours, 1m, "small"),
                };
                yield return new UsageInterval
                {
                    Id = string.Create(CultureInfo.InvariantCulture, $"{h:D6}-{i:D6}"),
                    InstanceId = ids[i],
                    Meter = meter,
                    Quantity = quantity,
                    Start = start,
                    End = start.AddHours(1),
                    TenantId = tenant,
                    GroupId = tenant,
                    OwnerId = tenant,
                    ProviderId = "bench",
                    HardwareProfileId = profile,
                    Tags = "{}",
                };
            }
        }
    }

    private static PriceCatalog Prices()
    {
        PriceBookVersion Version(int number, DateTime from, decimal scale)
        {
            var lines = new List<PriceLineDraft>
            {
                new("bench", "small", null, TierModes.Graduated, 0m, [new(500m, 0.10m * scale), new(5000m, 0.08m * scale), new(null, 0.06m * scale)], null),
                new("bench", "licensed", null, TierModes.Flat, 0.05m * scale, [], 30m),
                new("bench", Meters.VcpuHours, null, TierModes.Volume, 0m, [new(10_000m, 0.04m * scale), new(null, 0.03m * scale)], null),
            };
            lines.AddRange(Enumerable.Range(0, 10).Select(t => new PriceLineDraft("bench", "small", Tenant(t), TierModes.Flat, 0.07m * scale, [], null)));
            var version = new PriceBookVersion { BookId = "bench", Number = number, Status = PriceBookStatuses.Draft };
            version.Edit(from, null, lines, [.. Enumerable.Range(0, Tenants).Where(t => t % 3 == 0).Select(t => new ContractDraft(Tenant(t), -7.5m))], from);
            version.Publish(new PriceBook { Id = "bench", Name = "bench", Currency = "USD" }, "USD", from);
            return version;
        }

        return PriceCatalog.Build([Version(1, Start, 1m), Version(2, Start.AddDays(20).AddHours(12), 1.1m)]); // a price change in mid-month
    }

    private static string Tenant(int t) => string.Create(CultureInfo.InvariantCulture, $"tenant-{t:D3}");
}
