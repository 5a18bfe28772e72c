using CloudBroker.Drivers;
using CloudBroker.Placement.Sizes;
using Xunit;

namespace CloudBroker.Api.Tests.Placement;

/// <summary>The best-fitting profile for a size: fixed, range and enum honoured; the smallest that fits, then the cheapest.</summary>
public sealed class SizeMatchingTests
{
    private static readonly HardwareProfile Fixed2x4 = Profile("fixed", ProfileProperty.Fixed(2), ProfileProperty.Fixed(4096), ProfileProperty.Fixed(20));
    private static readonly HardwareProfile Ranged = Profile("ranged",
        ProfileProperty.Enum([1, 2, 4, 8], 2), ProfileProperty.Range(1024, 16384, 1024, 2048), ProfileProperty.Range(10, 500, 10, 20));
    private static readonly HardwareProfile Big = Profile("big", ProfileProperty.Fixed(8), ProfileProperty.Fixed(32768), ProfileProperty.Fixed(100));

    [Theory]
    [InlineData(2, 4096, 20, 2, 4096, 20)]
    [InlineData(3, 3000, 15, 4, 3072, 20)]
    [InlineData(1, 1, 1, 1, 1024, 10)]
    [InlineData(8, 16384, 500, 8, 16384, 500)]
    public void A_range_or_enum_is_asked_at_the_smallest_value_that_covers_the_size(long cpu, long memory, long storage, long wantCpu, long wantMemory, long wantStorage)
    {
        var match = SizeMatching.Best(cpu, memory, storage, [Ranged], (_, _, _, _) => 0m);

        Assert.NotNull(match);
        Assert.Equal((wantCpu, wantMemory, wantStorage), (match.Cpu, match.MemoryMiB, match.StorageGiB));
    }

    [Fact]
    public void Nothing_fits_a_size_beyond_every_profile()
    {
        Assert.Null(SizeMatching.Best(16, 1024, 10, [Fixed2x4, Ranged, Big], (_, _, _, _) => 0m));
        Assert.Null(SizeMatching.Best(1, 1024, 501, [Fixed2x4, Ranged], (_, _, _, _) => 0m));
    }

    [Fact]
    public void The_smallest_that_fits_wins_whatever_the_price()
    {
        // 2 vCPU 4096 MiB: the fixed profile and the ranged one fit exactly; big fits with room to spare but is cheaper.
        var match = SizeMatching.Best(2, 4096, 20, [Big, Fixed2x4], (p, _, _, _) => p.Id == "big" ? 0.01m : 1m);

        Assert.Equal("fixed", match!.Profile.Id);
    }

    [Fact]
    public void Between_equal_fits_the_cheapest_wins_and_an_unpriced_one_comes_last()
    {
        var prices = new Dictionary<string, decimal> { ["fixed"] = 0.20m, ["ranged"] = 0.10m };

        Assert.Equal("ranged", SizeMatching.Best(2, 4096, 20, [Fixed2x4, Ranged], (p, _, _, _) => prices[p.Id])!.Profile.Id);
        Assert.Equal("fixed", SizeMatching.Best(2, 4096, 20, [Fixed2x4, Ranged], (p, _, _, _) => p.Id == "fixed" ? 0.30m : 0m)!.Profile.Id);
        Assert.Equal(0.10m, SizeMatching.Best(2, 4096, 20, [Fixed2x4, Ranged], (p, _, _, _) => prices[p.Id])!.HourlyPrice);
    }

    [Fact]
    public void A_price_is_asked_at_the_values_the_profile_would_be_ordered_at()
    {
        var asked = new List<(long, long, long)>();
        SizeMatching.Best(3, 3000, 15, [Ranged], (_, c, m, s) =>
        {
            asked.Add((c, m, s));
            return 1m;
        });

        Assert.Equal([(4L, 3072L, 20L)], asked);
    }

    private static HardwareProfile Profile(string id, ProfileProperty cpu, ProfileProperty memory, ProfileProperty storage) =>
        new(id, id, cpu, memory, storage, "x86_64");
}
