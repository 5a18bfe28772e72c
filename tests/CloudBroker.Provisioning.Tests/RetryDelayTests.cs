using CloudBroker.Provisioning.Workflow;

namespace CloudBroker.Provisioning.Tests;

public sealed class RetryDelayTests
{
    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 2.0)]
    [InlineData(4, 8.0)]
    public void Delays_double_per_attempt_within_twenty_percent_jitter(int attempt, double seconds)
    {
        var delay = RetryDelay.For(attempt, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), null);
        Assert.InRange(delay.TotalSeconds, seconds * 0.8, seconds * 1.2);
    }

    [Fact]
    public void Delays_are_capped() =>
        Assert.InRange(RetryDelay.For(30, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), null).TotalSeconds, 8, 12);

    [Fact]
    public void A_provider_asking_for_longer_is_obeyed() =>
        Assert.Equal(TimeSpan.FromSeconds(30), RetryDelay.For(1, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30)));

    [Fact]
    public void Jitter_spreads_retries_that_failed_together()
    {
        var delays = Enumerable.Range(0, 50).Select(_ => RetryDelay.For(3, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), null)).ToHashSet();
        Assert.True(delays.Count > 40);
    }
}
