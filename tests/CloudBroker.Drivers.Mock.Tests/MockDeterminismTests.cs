using Xunit;

namespace CloudBroker.Drivers.Mock.Tests;

/// <summary>The same seed and calls give the same cloud: ids, states and faults, on fresh files.</summary>
public sealed class MockDeterminismTests : MockTestBase
{
    [Fact]
    public async Task Same_seed_and_calls_give_the_same_ids_and_faults()
    {
        await using var other = new MockHarness();

        var first = await RunScriptAsync(Harness, seed: 7);
        var second = await RunScriptAsync(other, seed: 7);

        Assert.Equal(first, second);
        Assert.Contains(first, o => o.StartsWith("created ", StringComparison.Ordinal));
        Assert.Contains(first, o => o == "Create Unavailable");
        Assert.Contains(first, o => o == "Stop Throttled");
    }

    [Fact]
    public async Task A_different_seed_gives_different_ids_and_faults()
    {
        await using var other = new MockHarness();

        var seven = await RunScriptAsync(Harness, seed: 7);
        var eight = await RunScriptAsync(other, seed: 8);

        Assert.NotEmpty(CreatedIds(seven));
        Assert.NotEmpty(CreatedIds(eight));
        Assert.Empty(CreatedIds(seven).Intersect(CreatedIds(eight)));

        // The fault dice depend on the seed too (for these two seeds the sequences differ).
        Assert.NotEqual(seven.Where(IsFault), eight.Where(IsFault));
    }

    [Fact]
    public async Task Ids_look_like_the_documented_format()
    {
        var created = await Harness.Open().CreateInstanceAsync(MockSpecs.Small("format"), Ct);

        Assert.Matches("^i-[0-9a-f]{16}$", created.Id);
    }

    /// <summary>Twenty creates, each followed by a stop once running, with faults on both; returns what happened.</summary>
    private static async Task<List<string>> RunScriptAsync(MockHarness harness, long seed)
    {
        var driver = harness.Open(
            ("Seed", seed.ToString()), ("Faults:Create:FailureRate", "0.3"), ("Faults:Stop:ThrottleRate", "0.3"));
        var outcomes = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            DriverInstance created;
            try
            {
                created = await driver.CreateInstanceAsync(MockSpecs.Small($"script-{i}"), Ct);
            }
            catch (DriverException ex)
            {
                outcomes.Add($"Create {ex.Kind}");
                continue;
            }

            outcomes.Add($"created {created.Id}");
            harness.Time.Advance(TimeSpan.FromSeconds(2));
            try
            {
                await driver.StopInstanceAsync(created.Id, Ct);
                outcomes.Add("stopped");
            }
            catch (DriverException ex)
            {
                outcomes.Add($"Stop {ex.Kind}");
            }
        }

        return outcomes;
    }

    private static bool IsFault(string outcome) => outcome.StartsWith("Create ", StringComparison.Ordinal) || outcome.StartsWith("Stop ", StringComparison.Ordinal);

    private static HashSet<string> CreatedIds(List<string> outcomes) =>
        [.. outcomes.Where(o => o.StartsWith("created ", StringComparison.Ordinal)).Select(o => o["created ".Length..])];
}
