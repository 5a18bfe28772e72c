using Xunit;

namespace CloudBroker.Drivers.Mock.Tests;

/// <summary>The seed catalog, as documented in the mock's README.</summary>
public sealed class MockCatalogTests : MockTestBase
{
    [Fact]
    public async Task Realms_are_eu_1a_and_eu_1b_with_us_1a_closed()
    {
        var realms = await Harness.Open().ListRealmsAsync(Ct);

        Assert.Equal(
            [("eu-1a", true), ("eu-1b", true), ("us-1a", false)],
            realms.Select(r => (r.Id, r.Available)));
    }

    [Fact]
    public async Task Images_are_three_x86_64_linuxes()
    {
        var images = await Harness.Open().ListImagesAsync(Ct);

        Assert.Equal(["debian-12", "ubuntu-24-04", "fedora-41"], images.Select(i => i.Id));
        Assert.All(images, i => Assert.Equal("x86_64", i.Architecture));
    }

    [Fact]
    public async Task Profiles_are_small_medium_and_large()
    {
        var profiles = (await Harness.Open().ListHardwareProfilesAsync(Ct)).ToDictionary(p => p.Id);

        Assert.Equal(["m1-small", "m1-medium", "m1-large"], profiles.Keys);
        Assert.All(profiles.Values, p => Assert.Equal("x86_64", p.Architecture));
        var small = profiles["m1-small"];
        Assert.Equal((ProfilePropertyKind.Fixed, 1L), (small.Cpu.Kind, small.Cpu.Default));
        AssertRange(small.MemoryMiB, 512, 8192, 512, 1024);
        AssertEnum(small.StorageGiB, [10, 20, 40], 10);
        var medium = profiles["m1-medium"];
        AssertEnum(medium.Cpu, [1, 2, 4], 2);
        AssertRange(medium.MemoryMiB, 1024, 16384, 1024, 4096);
        AssertRange(medium.StorageGiB, 20, 200, 10, 40);
        var large = profiles["m1-large"];
        Assert.Equal((8L, 32768L, 100L), (large.Cpu.Default, large.MemoryMiB.Default, large.StorageGiB.Default));
        Assert.All(new[] { large.Cpu, large.MemoryMiB, large.StorageGiB }, p => Assert.Equal(ProfilePropertyKind.Fixed, p.Kind));
    }

    private static void AssertRange(ProfileProperty property, long min, long max, long step, long @default) =>
        Assert.Equal(
            (ProfilePropertyKind.Range, min, max, step, @default),
            (property.Kind, property.Min, property.Max, property.Step, property.Default));

    private static void AssertEnum(ProfileProperty property, long[] values, long @default)
    {
        Assert.Equal((ProfilePropertyKind.Enum, @default), (property.Kind, property.Default));
        Assert.Equal(values, property.Values);
    }
}
