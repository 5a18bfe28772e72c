using CloudBroker.Accounting.Metering;
using CloudBroker.Accounting.Pricing;
using CloudBroker.Accounting.Rating;
using Xunit;
using static CloudBroker.Api.Tests.Accounting.RatingFixtures;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>
/// The pure rating function against amounts worked out by hand here: graduated and volume tiers across a month
/// boundary, a price change in mid-month split at its time, a contract discount, a tenant line beating the general
/// line, a monthly fee prorated by the second, meters of sized machines, and the same ids and amounts on every run.
/// </summary>
public sealed class RatingTests
{
    private static List<Charge> Rate(IEnumerable<UsageInterval> usage, PriceCatalog prices, DateTime from, DateTime watermark) =>
        [.. Rater.Rate(usage.OrderBy(u => u.Start).ThenBy(u => u.Id, StringComparer.Ordinal), prices, from, watermark)];

    private static decimal Sum(IEnumerable<Charge> charges, string instanceId, DateTime day, Func<Charge, decimal> amount) =>
        charges.Where(c => c.InstanceId == instanceId && c.Day == day).Sum(amount);

    [Fact]
    public void Graduated_tiers_count_the_tenants_month_to_date_in_time_order_and_start_again_next_month()
    {
        // 5 unit-hours a month at 1.00, the rest at 0.50, over both machines of the tenant.
        var prices = PriceCatalog.Build([Published("b", 1, At(1, 1), [Tiered("small", TierModes.Graduated, new(5m, 1.00m), new(null, 0.50m))])]);
        var usage = new[]
        {
            Usage("a", "vm-a", At(1, 31, 20), At(2, 1, 4)), // 4 h on Jan 31, 4 h on Feb 1
            Usage("b", "vm-b", At(1, 31, 22), At(2, 1, 2)), // 2 h on Jan 31, 2 h on Feb 1
        };

        var charges = Rate(usage, prices, At(1, 1), At(2, 2));

        // January: vm-a's 4 h come first (1.00 each); vm-b's 2 h take the 5th hour at 1.00 and the 6th at 0.50.
        Assert.Equal(4.00m, Sum(charges, "vm-a", At(1, 31), c => c.ContractedAmount));
        Assert.Equal(1.50m, Sum(charges, "vm-b", At(1, 31), c => c.ContractedAmount));
        // February starts from 0; both pieces start at midnight, so the interval ids order them: a, then b.
        Assert.Equal(4.00m, Sum(charges, "vm-a", At(2, 1), c => c.ContractedAmount));
        Assert.Equal(1.50m, Sum(charges, "vm-b", At(2, 1), c => c.ContractedAmount));
        Assert.All(charges, c => Assert.Equal(c.ContractedAmount, c.ListAmount));
        Assert.All(charges, c => Assert.Equal(c.ContractedAmount, c.BilledAmount));
    }

    [Fact]
    public void Volume_tiers_price_each_month_at_the_unit_price_its_total_picks()
    {
        // Up to 5 unit-hours in a month: 1.00 each; more: 0.50 each, for the whole month.
        var prices = PriceCatalog.Build([Published("b", 1, At(1, 1), [Tiered("small", TierModes.Volume, new(5m, 1.00m), new(null, 0.50m))])]);
        var usage = new[]
        {
            Usage("a", "vm-a", At(1, 30, 20), At(1, 31, 0)), // January: 4 h ...
            Usage("b", "vm-b", At(1, 31, 21), At(2, 1, 0)), // ... + 3 h = 7 > 5: all at 0.50
            Usage("c", "vm-a", At(2, 3, 0), At(2, 3, 4)), // February: 4 h ≤ 5: at 1.00
        };

        var charges = Rate(usage, prices, At(1, 1), At(3, 1));

        Assert.Equal(4 * 0.50m, Sum(charges, "vm-a", At(1, 30), c => c.ContractedAmount));
        Assert.Equal(3 * 0.50m, Sum(charges, "vm-b", At(1, 31), c => c.ContractedAmount));
        Assert.Equal(4 * 1.00m, Sum(charges, "vm-a", At(2, 3), c => c.ContractedAmount));
        Assert.Equal(3, charges.Count);
    }

    [Fact]
    public void A_price_change_in_mid_month_splits_usage_at_its_effective_time()
    {
        var prices = PriceCatalog.Build(
        [
            Published("b", 1, At(1, 1), [Flat("small", 1.00m)]),
            Published("b", 2, At(1, 15, 12), [Flat("small", 2.00m)]),
        ]);

        var charges = Rate([Usage("a", "vm-a", At(1, 15, 10), At(1, 15, 14))], prices, At(1, 1), At(2, 1));

        Assert.Equal([(1, 2m, 2.00m), (2, 2m, 4.00m)], charges.OrderBy(c => c.PriceBookVersion).Select(c => (c.PriceBookVersion, c.Quantity, c.ContractedAmount)));
        Assert.Equal(2, charges.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void A_tenant_line_beats_the_general_line_and_the_contract_discount_applies_on_top()
    {
        var prices = PriceCatalog.Build([Published("b", 1, At(1, 1),
            [Flat("small", 1.00m), Flat("small", 0.80m, tenantId: "t1")],
            [new ContractDraft("t1", -12.5m), new ContractDraft("t2", 10m)])]);
        var usage = new[]
        {
            Usage("a", "vm-a", At(1, 2), At(1, 2, 10), tenantId: "t1"),
            Usage("b", "vm-b", At(1, 2), At(1, 2, 10), tenantId: "t2"),
        };

        var charges = Rate(usage, prices, At(1, 1), At(2, 1)).ToDictionary(c => c.TenantId);

        Assert.Equal((10.00m, 8.00m, 7.00m, -12.5m), (charges["t1"].ListAmount, charges["t1"].ContractedAmount, charges["t1"].BilledAmount, charges["t1"].ContractPercent));
        Assert.Equal((10.00m, 10.00m, 11.00m), (charges["t2"].ListAmount, charges["t2"].ContractedAmount, charges["t2"].BilledAmount));
    }

    [Fact]
    public void A_monthly_fee_is_prorated_by_the_seconds_the_instance_exists()
    {
        // 744.00 a month of 744 hours (January): 1.00 an hour of the machine's life (its disk's meter), running or not.
        var prices = PriceCatalog.Build([Published("b", 1, At(1, 1), [Flat("small", 0.10m, fee: 744m)])]);
        var usage = new[]
        {
            Usage("disk", "vm-a", At(1, 10), At(1, 11, 12).AddSeconds(36), Meters.StorageGibHours, quantity: 20m),
            Usage("run", "vm-a", At(1, 10), At(1, 10, 5), Meters.InstanceHours),
        };

        var charges = Rate(usage, prices, At(1, 1), At(2, 1));

        var fees = charges.Where(c => c.Kind == ChargeKinds.Fee).OrderBy(c => c.Day).Select(c => c.ContractedAmount).ToArray();
        Assert.Equal([24.00m, 12.01m], fees); // 24 h, then 12 h 36 s = 12.01 h
        Assert.Equal(0.50m, charges.Single(c => c.Kind == ChargeKinds.Usage).ContractedAmount); // the profile's price covers the disk: no storage charge
    }

    [Fact]
    public void A_machine_whose_profile_has_no_line_is_priced_by_its_meters()
    {
        var prices = PriceCatalog.Build([Published("b", 1, At(1, 1), [Flat(Meters.VcpuHours, 0.04m), Flat(Meters.MemoryGibHours, 0.01m)])]);
        var usage = new[]
        {
            Usage("cpu", "vm-a", At(1, 2), At(1, 2, 3), Meters.VcpuHours, quantity: 4m, profile: "ranged"),
            Usage("mem", "vm-a", At(1, 2), At(1, 2, 3), Meters.MemoryGibHours, quantity: 1.5m, profile: "ranged"),
            Usage("disk", "vm-a", At(1, 2), At(1, 2, 3), Meters.StorageGibHours, quantity: 20m, profile: "ranged"), // no line: not charged
        };

        var charges = Rate(usage, prices, At(1, 1), At(2, 1)).ToDictionary(c => c.Meter);

        Assert.Equal(4m * 3 * 0.04m, charges[Meters.VcpuHours].ContractedAmount);
        Assert.Equal(1.5m * 3 * 0.01m, charges[Meters.MemoryGibHours].ContractedAmount);
        Assert.Equal(2, charges.Count);
    }

    [Fact]
    public void An_open_interval_is_rated_to_the_watermark_and_nothing_after_it()
    {
        var prices = PriceCatalog.Build([Published("b", 1, At(1, 1), [Flat("small", 1.00m)])]);
        var charges = Rate([Usage("a", "vm-a", At(1, 2, 22), null)], prices, At(1, 1), At(1, 3, 1).AddMinutes(30));
        Assert.Equal([(At(1, 2), 2m), (At(1, 3), 1.5m)], charges.OrderBy(c => c.Day).Select(c => (c.Day, c.ContractedAmount)));
    }

    [Fact]
    public void Rating_the_same_usage_twice_from_fresh_prices_gives_the_same_ids_and_amounts()
    {
        var random = new Random(19);
        var usage = Enumerable.Range(0, 400).Select(i =>
        {
            var start = At(1, 1).AddMinutes(random.Next(0, 60 * 24 * 60));
            return Usage($"u{i:D4}", $"vm-{i % 37}", start, start.AddMinutes(random.Next(1, 60 * 72)), tenantId: $"t{i % 3}");
        }).ToList();
        PriceCatalog Prices() => PriceCatalog.Build(
        [
            Published("b", 1, At(1, 1), [Tiered("small", TierModes.Graduated, new(50m, 1.00m), new(200m, 0.75m), new(null, 0.5m))], [new ContractDraft("t1", -3m)]),
            Published("b", 2, At(1, 20, 7), [Tiered("small", TierModes.Volume, new(100m, 0.9m), new(null, 0.6m)), Flat("small", 0.7m, tenantId: "t2")]),
        ]);

        var first = Rate(usage, Prices(), At(1, 1), At(3, 1));
        var second = Rate(usage.Select(u => Usage(u.Id, u.InstanceId, u.Start, u.End, tenantId: u.TenantId)).Reverse(), Prices(), At(1, 1), At(3, 1));

        Assert.True(first.Count > 100, $"only {first.Count} charges");
        Assert.Equal(first.Count, first.Select(c => c.Id).Distinct().Count());
        Assert.Equal(first.Select(c => (c.Id, c.Quantity, c.ListAmount, c.ContractedAmount, c.BilledAmount)).Order(),
            second.Select(c => (c.Id, c.Quantity, c.ListAmount, c.ContractedAmount, c.BilledAmount)).Order());
        // Every hour of usage is charged once: the quantities add up to the usage's length (each piece's hours are a
        // 28-digit decimal, so a third of a minute differs in the last digits).
        var hours = usage.Where(u => u.Start < At(3, 1)).Sum(u => (decimal)((u.End < At(3, 1) ? u.End.Value : At(3, 1)) - u.Start).Ticks / TimeSpan.TicksPerHour);
        Assert.InRange(first.Sum(c => c.Quantity) - hours, -1e-20m, 1e-20m);
    }

    [Fact]
    public void Usage_out_of_start_order_is_refused()
    {
        var unordered = new[] { Usage("b", "vm", At(1, 3), At(1, 4)), Usage("a", "vm", At(1, 2), At(1, 3)) };
        Assert.Throws<ArgumentException>(() => Rater.Rate(unordered, PriceCatalog.Empty, At(1, 1), At(2, 1)).ToList());
    }
}
