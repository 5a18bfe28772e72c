using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CloudBroker.Drivers.Mock.Tests;

/// <summary>Capabilities, bad settings and registration.</summary>
public sealed class MockSettingsTests : MockTestBase
{
    [Fact]
    public void By_default_the_mock_declares_every_capability() =>
        Assert.Equal(Capability.All.Order(), Harness.Open().Capabilities.Order());

    [Fact]
    public void A_mock_provider_reaches_its_own_state_file_and_nothing_else()
    {
        var endpoint = new MockDriverFactory().DescribeEndpoint(
            new ProviderContext(MockHarness.ProviderId, new ConfigurationBuilder().Build(), Harness.DataDirectory, "test-installation", Harness.Time, NullLoggerFactory.Instance));

        Assert.Equal(["mock " + Path.GetFullPath(Harness.DatabasePath)], endpoint.Keys);
        Assert.Empty(endpoint.PossibleKeys);
    }

    [Fact]
    public async Task DisabledCapabilities_removes_them_and_the_driver_refuses_their_verbs()
    {
        var driver = Harness.Open(("DisabledCapabilities", " startStop , Reboot"));

        Assert.Equal(
            Capability.All.Except([Capability.StartStop, Capability.Reboot]).Order(),
            driver.Capabilities.Order());
        var id = await CreateRunningAsync(driver, "limited");
        var stop = await Assert.ThrowsAsync<DriverException>(() => driver.StopInstanceAsync(id, Ct));
        var reboot = await Assert.ThrowsAsync<DriverException>(() => driver.RebootInstanceAsync(id, Ct));
        Assert.Equal((DriverErrorKind.InvalidRequest, DriverErrorKind.InvalidRequest), (stop.Kind, reboot.Kind));
        await ExpectAsync(driver, id, DriverInstanceState.Running, "ACTIVE");
    }

    [Fact]
    public async Task With_credentials_only_the_mock_user_is_accepted_and_the_refusal_never_repeats_them()
    {
        var accepted = Harness.Open(("Credentials:Username", "mockuser"), ("Credentials:Password", "mockpassword"));
        Assert.Equal(3, (await accepted.ListRealmsAsync(Ct)).Count);

        var refused = Harness.OpenAs("mock-refused", ("Credentials:Username", "mockuser"), ("Credentials:Password", "hunter2-canary"));
        var ex = await Assert.ThrowsAsync<DriverException>(() => refused.ListRealmsAsync(Ct));
        Assert.Equal(DriverErrorKind.Authentication, ex.Kind);
        Assert.DoesNotContain("hunter2-canary", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DriverException>(() => refused.CreateInstanceAsync(MockSpecs.Small("refused"), Ct));
    }

    [Fact]
    public async Task Without_profileRanges_each_profile_is_fixed_at_its_defaults()
    {
        var driver = Harness.Open(("DisabledCapabilities", "profileRanges"));

        var profiles = await driver.ListHardwareProfilesAsync(Ct);

        Assert.All(profiles, p => Assert.False(p.Cpu.IsChoice || p.MemoryMiB.IsChoice || p.StorageGiB.IsChoice));
        Assert.Equal(1024, profiles.Single(p => p.Id == "m1-small").MemoryMiB.Default);
        var ex = await Assert.ThrowsAsync<DriverException>(
            () => driver.CreateInstanceAsync(MockSpecs.Small("bigger") with { MemoryMiB = 2048 }, Ct));
        Assert.Equal(DriverErrorKind.InvalidRequest, ex.Kind);
    }

    [Fact]
    public async Task Without_realmChoice_a_named_realm_is_refused()
    {
        var driver = Harness.Open(("DisabledCapabilities", "realmChoice"));

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(MockSpecs.Small("placed", "eu-1b"), Ct));

        Assert.Equal(DriverErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal("eu-1a", (await driver.CreateInstanceAsync(MockSpecs.Small("unplaced"), Ct)).RealmId);
    }

    [Theory]
    [InlineData("Faults:Create:FailureRate", "2", "Faults:Create:FailureRate must be between 0 and 1")]
    [InlineData("Faults:Get:ThrottleRate", "-0.1", "Faults:Get:ThrottleRate must be between 0 and 1")]
    [InlineData("Faults:Stop:StuckPendingRate", "0.5", "apply to Create only")]
    [InlineData("Faults:Craete:FailureRate", "1", "Craete")]
    [InlineData("Faults:Create:FailureRat", "1", "FailureRat")]
    [InlineData("BootDelay", "-00:00:01", "BootDelay must not be negative")]
    [InlineData("Latency", "soon", "Latency")]
    [InlineData("Seed", "one", "Seed")]
    [InlineData("DisabledCapabilities", "teleport", "unknown capability 'teleport'")]
    public void A_bad_setting_stops_the_factory_with_a_message_naming_it(string key, string value, string expected)
    {
        var ex = Assert.Throws<DriverException>(() => Harness.Open((key, value)));

        Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
        Assert.Contains(expected, ex.Message);
        Assert.Contains(MockHarness.ProviderId, ex.Message);
    }

    [Fact]
    public void Keys_that_belong_to_the_core_are_ignored() =>
        Assert.NotNull(Harness.Open(("Driver", "mock"), ("Priority", "10")));

    [Theory]
    [InlineData("../escape")]
    [InlineData("")]
    public void A_provider_id_that_is_not_a_file_name_is_refused(string providerId)
    {
        var ex = Assert.Throws<DriverException>(() => Harness.OpenAs(providerId));

        Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
    }

    [Fact]
    public void AddMockDriver_registers_the_mock_factory_once()
    {
        var services = new ServiceCollection().AddMockDriver().AddMockDriver();

        var registration = Assert.Single(services, d => d.ServiceType == typeof(ICloudDriverFactory));
        Assert.Equal((typeof(MockDriverFactory), ServiceLifetime.Singleton), (registration.ImplementationType, registration.Lifetime));
        Assert.Equal("mock", new MockDriverFactory().Name);
    }
}
