using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Drivers.Azure.Tests;

/// <summary>What an operator sees when a provider's settings are wrong, and what the settings give when right.</summary>
public sealed class SettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_missing_setting_is_named_at_once_and_the_secret_never_shows()
    {
        await using var harness = await AzureHarness.StartAsync();
        var settings = harness.Settings(new Dictionary<string, string?>
        {
            ["SubscriptionId"] = null,
            ["SubnetId"] = null,
            ["Credentials:ClientId"] = null,
        });

        var ex = Assert.Throws<DriverException>(() => new AzureDriverFactory().Create(AzureHarness.Context(settings)));

        Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
        Assert.Contains("SubscriptionId", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SubnetId", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Credentials:ClientId", ex.Message, StringComparison.Ordinal);
        Assert.Contains(AzureHarness.ProviderId, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Fake.Options.ClientSecret, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Endpoint", "http://127.0.0.1:1/")]
    [InlineData("AuthorityHost", "http://127.0.0.1:1/")]
    [InlineData("SubscriptionId", "my-subscription")]
    [InlineData("SubnetId", "default")]
    [InlineData("Location", "West Europe")]
    [InlineData("Zones:0", "a")]
    [InlineData("AdminUsername", "root")]
    [InlineData("AdminSshPublicKey", "not a key")]
    [InlineData("TrustedCertificateFile", "/no/such/file.pem")]
    [InlineData("Images:0:Id", "Ubuntu_22")]
    [InlineData("VmSizes:0:Id", "")]
    public async Task An_invalid_setting_is_refused_by_its_key(string key, string value)
    {
        await using var harness = await AzureHarness.StartAsync();
        var overrides = new Dictionary<string, string?> { [key] = value };
        if (key.StartsWith("Images", StringComparison.Ordinal))
        {
            overrides["Images:0:Publisher"] = "Canonical";
            overrides["Images:0:Offer"] = "o";
            overrides["Images:0:Sku"] = "s";
        }
        else if (key.StartsWith("VmSizes", StringComparison.Ordinal))
        {
            overrides["VmSizes:0:Cpu"] = "1";
        }

        var ex = Assert.Throws<DriverException>(() => new AzureDriverFactory().Create(AzureHarness.Context(harness.Settings(overrides))));

        Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
        Assert.Contains(key.Split(':')[0], ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Realms_are_the_region_and_each_configured_zone()
    {
        await using var harness = await AzureHarness.StartAsync();
        await using var driver = harness.Open();

        var realms = await driver.ListRealmsAsync(Ct);

        Assert.Equal(["westeurope", "westeurope-1", "westeurope-2", "westeurope-3"], realms.Select(r => r.Id));
    }

    [Fact]
    public async Task Configured_sizes_and_images_replace_the_defaults()
    {
        await using var harness = await AzureHarness.StartAsync();
        await using var driver = harness.Open(new Dictionary<string, string?>
        {
            ["VmSizes:0:Id"] = "Standard_D4s_v5",
            ["VmSizes:0:Cpu"] = "4",
            ["VmSizes:0:MemoryMiB"] = "16384",
            ["VmSizes:0:StorageGiB"] = "64",
            ["Images:0:Id"] = "debian",
            ["Images:0:Publisher"] = "Debian",
            ["Images:0:Offer"] = "debian-12",
            ["Images:0:Sku"] = "12-gen2",
            ["Images:0:Version"] = "0.20240101.1",
        });

        var size = Assert.Single(await driver.ListHardwareProfilesAsync(Ct));
        var image = Assert.Single(await driver.ListImagesAsync(Ct));

        Assert.Equal(("Standard_D4s_v5", 4L, 16384L, 64L), (size.Id, size.Cpu.Default, size.MemoryMiB.Default, size.StorageGiB.Default));
        Assert.Equal("debian", image.Id);
        Assert.Contains("Debian:debian-12:12-gen2:0.20240101.1", image.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_realm_the_provider_lacks_is_refused_before_anything_is_sent()
    {
        await using var harness = await AzureHarness.StartAsync();
        await using var driver = harness.Open();

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(Specs.New(realmId: "westeurope-9"), Ct));

        Assert.Equal(DriverErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal(0, harness.Fake.Counters["put"]);
    }

    [Fact]
    public void AddAzureDriver_registers_the_azure_factory()
    {
        using var services = new ServiceCollection().AddAzureDriver().AddAzureDriver().BuildServiceProvider();

        var factory = Assert.Single(services.GetServices<ICloudDriverFactory>());

        Assert.Equal("azure", factory.Name);
    }
}
