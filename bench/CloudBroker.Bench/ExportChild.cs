using System.Diagnostics;
using System.Globalization;
using CloudBroker.Accounting.Exports;
using CloudBroker.Accounting.Rating;

namespace CloudBroker.Bench;

/// <summary>
/// One measured export in its own process (so its peak working set is its own): <c>rows</c> synthetic rated charges
/// (one per machine and UTC day, made as they are read, never held) mapped to FOCUS rows and written to one format —
/// <c>parquet</c> or <c>csv</c> — in a scratch file. Prints one line of <c>key=value</c> pairs for <see cref="ExportScenario"/>.
/// </summary>
internal static class ExportChild
{
    public const string Flag = "--export-child";

    private static readonly DateTime Period = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task<int> RunAsync(string[] args)
    {
        var at = Array.IndexOf(args, Flag);
        var rows = long.Parse(args[at + 1], CultureInfo.InvariantCulture);
        var format = args[at + 2];
        var path = Path.Combine(Path.GetTempPath(), $"cb-bench-export-{Environment.ProcessId}.{format}");
        var peakHeap = 0L;
        var mapper = new FocusRowMapper("USD", "CloudBroker", Period, 1, "tenant-001", "Tenant one",
            g => "group " + g, i => "vm " + i, p => new ProviderNaming("Amazon Web Services", "eu-west-1"));
        var clock = Stopwatch.StartNew();
        long bytes;
        await using (var file = File.Create(path))
        {
            await using var writer = await FocusFileWriter.CreateAsync(format == "parquet" ? file : null, format == "csv" ? file : null, 65_536, CancellationToken.None);
            long n = 0;
            foreach (var charge in Charges(rows))
            {
                await writer.AddAsync(mapper.Map(charge), CancellationToken.None);
                if (++n % 1_000_000 == 0)
                {
                    peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                }
            }

            await writer.CompleteAsync(CancellationToken.None);
            peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
            bytes = file.Length;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        File.Delete(path);
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rows={rows} format={format} seconds={seconds:F3} bytes={bytes} peakWorkingSet={self.PeakWorkingSet64} peakHeap={peakHeap}"));
        return 0;
    }

    /// <summary>Charges as rating writes them: 28-digit amounts (thirds of hours), a tenth of them fees, tags on every other machine.</summary>
    private static IEnumerable<Charge> Charges(long rows)
    {
        const int Machines = 10_000;
        var third = 1m / 3m;
        for (long r = 0; r < rows; r++)
        {
            var machine = (int)(r % Machines);
            var day = Period.AddDays((r / Machines) % 31);
            var quantity = 23m + third + (machine % 7);
            var fee = machine % 10 == 0;
            yield return new Charge
            {
                Id = r.ToString("x32", CultureInfo.InvariantCulture),
                TenantId = "tenant-001",
                GroupId = "group-" + (machine % 20).ToString(CultureInfo.InvariantCulture),
                InstanceId = "vm-" + machine.ToString("D6", CultureInfo.InvariantCulture),
                ProviderId = "ec2",
                OwnerId = "user-1",
                RealmId = "eu-west-1a",
                Tags = machine % 2 == 0 ? "{\"project\":\"alpha\",\"team\":\"a,b\"}" : "{}",
                Sku = fee ? "m5.large" : "m5.large",
                Meter = "instance-hours",
                Kind = fee ? ChargeKinds.Fee : ChargeKinds.Usage,
                Day = day,
                BillingPeriod = Period,
                PriceBookId = "rates",
                PriceBookVersion = 3,
                Quantity = quantity,
                ListAmount = quantity * 0.096m,
                ContractedAmount = quantity * 0.0864m,
                BilledAmount = quantity * 0.0864m * 0.925m,
                ContractPercent = -7.5m,
            };
        }
    }
}
