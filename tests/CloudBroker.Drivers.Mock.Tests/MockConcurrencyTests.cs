using Xunit;

namespace CloudBroker.Drivers.Mock.Tests;

/// <summary>Two driver objects on one file stand for two broker processes sharing one mock cloud.</summary>
public sealed class MockConcurrencyTests : MockTestBase
{
    [Fact]
    public async Task Concurrent_creates_with_distinct_tokens_make_one_machine_each()
    {
        var processes = new[] { Harness.Open(), Harness.Open() };

        var made = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Task.Run(() => processes[i % 2].CreateInstanceAsync(MockSpecs.Small($"many-{i}"), Ct), Ct)));

        Assert.Equal(100, made.Select(m => m.Id).Distinct().Count());
        foreach (var process in processes)
        {
            var listed = await process.ListInstancesAsync(Ct);
            Assert.Equal(made.Select(m => m.Id).Order(), listed.Select(i => i.Id).Order());
        }
    }

    [Fact]
    public async Task Concurrent_creates_with_one_token_make_one_machine()
    {
        var processes = new[] { Harness.Open(), Harness.Open() };
        var spec = MockSpecs.Small("the-one");

        var made = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => processes[i % 2].CreateInstanceAsync(spec, Ct), Ct)));

        Assert.Single(made.Select(m => m.Id).Distinct());
        Assert.Single(await processes[0].ListInstancesAsync(Ct));
    }

    [Fact]
    public async Task A_change_made_through_one_driver_object_is_seen_by_the_other()
    {
        var a = Harness.Open();
        var b = Harness.Open();
        var id = await CreateRunningAsync(a, "shared");

        await b.StopInstanceAsync(id, Ct);

        await ExpectAsync(a, id, DriverInstanceState.Stopping, "SHUTTING_DOWN");
        var again = await Assert.ThrowsAsync<DriverException>(() => a.StopInstanceAsync(id, Ct));
        Assert.Equal(DriverErrorKind.Conflict, again.Kind);
    }
}
