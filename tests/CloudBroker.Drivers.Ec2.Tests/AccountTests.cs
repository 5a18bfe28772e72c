using CloudBroker.Testing.Ec2;
using Xunit;

namespace CloudBroker.Drivers.Ec2.Tests;

/// <summary>One fake serving several accounts, as providers with different keys see them; and the driver's default pacing.</summary>
public sealed class AccountTests : Ec2TestBase
{
    private const string OtherKey = "AKIAOTHERACCOUNT0001";

    [Fact]
    public async Task Each_account_has_its_own_machines_bucket_and_faults()
    {
        Harness.Fake.AddAccount(OtherKey, new Ec2FakeOptions { RunInstancesBurst = 1, RunInstancesRefillPerSecond = 0.1, FailAfterCreate = true });
        var main = Harness.Open();
        var other = Harness.Open(("Credentials:AccessKeyId", OtherKey));

        var mine = await main.CreateInstanceAsync(Ec2Specs.Micro(), Ct);
        var failed = await Assert.ThrowsAsync<DriverException>(() => other.CreateInstanceAsync(Ec2Specs.Micro(), Ct));
        var throttled = await Assert.ThrowsAsync<DriverException>(() => other.CreateInstanceAsync(Ec2Specs.Micro(), Ct));

        Assert.Equal((DriverErrorKind.Unavailable, DriverErrorKind.Throttled), (failed.Kind, throttled.Kind));
        Assert.Equal([mine.Id], (await main.ListInstancesAsync(Ct)).Select(i => i.Id));
        var theirs = Assert.Single(await other.ListInstancesAsync(Ct));
        Assert.Equal(Assert.Single(Harness.Fake.InstancesOf(OtherKey)).Id, theirs.Id);
    }

    [Fact]
    public async Task An_account_whose_budget_was_just_spent_throttles_its_first_create()
    {
        Harness.Fake.AddAccount(OtherKey, new Ec2FakeOptions { RunInstancesBurst = 1, RunInstancesInitialTokens = 0 });
        var driver = Harness.Open(("Credentials:AccessKeyId", OtherKey));

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(Ec2Specs.Micro(), Ct));

        Assert.Equal(DriverErrorKind.Throttled, ex.Kind);
    }

    [Fact]
    public void The_broker_paces_creates_within_EC2s_RunInstances_bucket_by_default()
    {
        var pacing = new Ec2DriverFactory().DefaultPacing;

        Assert.Equal(new RequestBudget(2, 5), pacing[ProviderCallKind.Create]);
        Assert.True(pacing[ProviderCallKind.Read].RequestsPerSecond > pacing[ProviderCallKind.Create].RequestsPerSecond);
    }
}
