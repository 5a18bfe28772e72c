using Xunit;

namespace CloudBroker.Drivers.Mock.Tests;

/// <summary>Each fault knob, seen from a second driver object without faults on the same file.</summary>
public sealed class MockFaultTests : MockTestBase
{
    [Theory]
    [InlineData(MockVerb.Create)]
    [InlineData(MockVerb.Start)]
    [InlineData(MockVerb.Stop)]
    [InlineData(MockVerb.Reboot)]
    [InlineData(MockVerb.Destroy)]
    [InlineData(MockVerb.Get)]
    [InlineData(MockVerb.List)]
    public async Task FailureRate_1_fails_every_call_of_its_verb_and_does_nothing(MockVerb verb)
    {
        var clean = Harness.Open();
        var id = await CreateRunningAsync(clean, "existing");
        if (verb == MockVerb.Start)
        {
            await clean.StopInstanceAsync(id, Ct);
            Harness.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var before = await clean.GetInstanceAsync(id, Ct);
        var faulty = Harness.Open(($"Faults:{verb}:FailureRate", "1"));

        for (var call = 0; call < 3; call++)
        {
            var ex = await Assert.ThrowsAsync<DriverException>(() => CallAsync(faulty, verb, id, $"new-{call}"));
            Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
        }

        Assert.Equal(before, await clean.GetInstanceAsync(id, Ct), InstanceComparer.Instance);
        Assert.Single(await clean.ListInstancesAsync(Ct));
    }

    [Fact]
    public async Task ThrottleRate_throws_Throttled_with_the_configured_retry_after_and_does_nothing()
    {
        var clean = Harness.Open();
        var id = await CreateRunningAsync(clean, "throttled");
        var faulty = Harness.Open(("Faults:Stop:ThrottleRate", "1"), ("Faults:Stop:ThrottleRetryAfter", "00:00:07"));

        var ex = await Assert.ThrowsAsync<DriverException>(() => faulty.StopInstanceAsync(id, Ct));

        Assert.Equal(DriverErrorKind.Throttled, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.True(ex.IsTransient);
        await ExpectAsync(clean, id, DriverInstanceState.Running, "ACTIVE");
    }

    [Fact]
    public async Task FailAfterCreateRate_makes_the_machine_then_times_out_and_a_retry_returns_it()
    {
        var clean = Harness.Open();
        var faulty = Harness.Open(("Faults:Create:FailAfterCreateRate", "1"));
        var spec = MockSpecs.Small("ambiguous");

        var ex = await Assert.ThrowsAsync<DriverException>(() => faulty.CreateInstanceAsync(spec, Ct));

        Assert.Equal(DriverErrorKind.Timeout, ex.Kind);
        var made = Assert.Single(await clean.ListInstancesAsync(Ct));
        Assert.Equal(spec.Tags, made.Tags);
        var retried = await faulty.CreateInstanceAsync(spec, Ct);
        Assert.Equal(made.Id, retried.Id);
        Assert.Single(await clean.ListInstancesAsync(Ct));
    }

    [Fact]
    public async Task StuckPendingRate_keeps_the_machine_pending_long_after_the_boot_delay()
    {
        var clean = Harness.Open();
        var faulty = Harness.Open(("Faults:Create:StuckPendingRate", "1"));

        var stuck = await faulty.CreateInstanceAsync(MockSpecs.Small("stuck"), Ct);
        var normal = await clean.CreateInstanceAsync(MockSpecs.Small("normal"), Ct);
        Harness.Time.Advance(TimeSpan.FromHours(1));

        await ExpectAsync(clean, stuck.Id, DriverInstanceState.Pending, "BUILDING");
        await ExpectAsync(clean, normal.Id, DriverInstanceState.Running, "ACTIVE");
    }

    [Fact]
    public async Task A_fractional_rate_fails_some_calls_and_not_others()
    {
        var driver = Harness.Open(("Faults:Get:FailureRate", "0.5"));
        var failures = 0;
        for (var call = 0; call < 40; call++)
        {
            try
            {
                await driver.GetInstanceAsync("i-0000000000000000", Ct);
            }
            catch (DriverException ex) when (ex.Kind == DriverErrorKind.Unavailable)
            {
                failures++;
            }
        }

        Assert.InRange(failures, 8, 32);
    }

    internal static Task CallAsync(ICloudDriver driver, MockVerb verb, string id, string token) => verb switch
    {
        MockVerb.Create => driver.CreateInstanceAsync(MockSpecs.Small(token), Ct),
        MockVerb.Start => driver.StartInstanceAsync(id, Ct),
        MockVerb.Stop => driver.StopInstanceAsync(id, Ct),
        MockVerb.Reboot => driver.RebootInstanceAsync(id, Ct),
        MockVerb.Destroy => driver.DestroyInstanceAsync(id, Ct),
        MockVerb.Get => driver.GetInstanceAsync(id, Ct),
        MockVerb.List => driver.ListInstancesAsync(Ct),
        _ => throw new ArgumentOutOfRangeException(nameof(verb)),
    };
}
