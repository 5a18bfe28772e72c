using CloudBroker.Drivers;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Instances;

namespace CloudBroker.Provisioning.Tests;

public sealed class HardwareProfileSelectionTests
{
    private static readonly HardwareProfile Small = new("m1-small", "Small",
        ProfileProperty.Fixed(1),
        ProfileProperty.Range(512, 8192, 512, 1024),
        ProfileProperty.Enum([10, 20, 40], 10),
        "x86_64");

    private static readonly IReadOnlySet<string> Ranges = new HashSet<string> { Capability.ProfileRanges };

    [Fact]
    public void Nothing_asked_gives_the_profile_defaults() =>
        Assert.Equal((1, 1024, 10), HardwareProfileSelection.Resolve(Small, null, null, null, Ranges));

    [Fact]
    public void Values_within_the_profile_are_taken() =>
        Assert.Equal((1, 4096, 40), HardwareProfileSelection.Resolve(Small, 1, 4096, 40, Ranges));

    [Theory]
    [InlineData(256)]
    [InlineData(8704)]
    [InlineData(1000)]
    public void Memory_outside_the_range_or_off_its_step_names_the_field_and_the_range(long memory)
    {
        var problem = Assert.Throws<ProblemException>(() => HardwareProfileSelection.Resolve(Small, null, memory, null, Ranges));
        Assert.Equal(ProblemTypes.Validation, problem.Type);
        var error = Assert.Single(problem.Errors);
        Assert.Equal("/memoryMiB", error.Pointer);
        Assert.Equal(new FieldLimit(Min: 512, Max: 8192, Step: 512), error.Limit);
    }

    [Fact]
    public void Storage_not_in_the_enum_lists_the_allowed_values()
    {
        var problem = Assert.Throws<ProblemException>(() => HardwareProfileSelection.Resolve(Small, null, null, 30, Ranges));
        var error = Assert.Single(problem.Errors);
        Assert.Equal("/storageGiB", error.Pointer);
        Assert.Equal([10L, 20L, 40L], error.Limit!.Values!);
    }

    [Fact]
    public void Every_field_at_fault_is_reported_at_once()
    {
        var problem = Assert.Throws<ProblemException>(() => HardwareProfileSelection.Resolve(Small, 2, 100, 30, Ranges));
        Assert.Equal(["/cpu", "/memoryMiB", "/storageGiB"], problem.Errors.Select(e => e.Pointer));
    }

    [Fact]
    public void Choosing_within_a_range_needs_the_profile_ranges_capability()
    {
        var problem = Assert.Throws<ProblemException>(() => HardwareProfileSelection.Resolve(Small, null, 2048, null, new HashSet<string>()));
        Assert.Equal(ProblemTypes.UnsupportedCapability, problem.Type);
        Assert.Equal(Capability.ProfileRanges, problem.Extensions["capability"]);
    }

    [Fact]
    public void Asking_for_the_default_needs_no_capability() =>
        Assert.Equal((1, 1024, 10), HardwareProfileSelection.Resolve(Small, 1, 1024, 10, new HashSet<string>()));
}
