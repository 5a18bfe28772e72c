using Xunit;

namespace CloudBroker.Drivers.Ec2.Tests;

/// <summary>Provider settings: defaults, what each one changes, and the errors that name the setting to fix.</summary>
public sealed class SettingsTests : Ec2TestBase
{
    [Fact]
    public async Task Without_instance_types_the_default_sizes_are_offered()
    {
        var driver = Harness.Open();

        var profiles = await driver.ListHardwareProfilesAsync(Ct);

        Assert.Equal(["t3.micro", "t3.small", "m5.large"], profiles.Select(p => p.Id));
        Assert.All(profiles, p => Assert.False(p.Cpu.IsChoice || p.MemoryMiB.IsChoice || p.StorageGiB.IsChoice));
    }

    [Fact]
    public async Task Configured_instance_types_replace_the_defaults()
    {
        var driver = Harness.Open(
            ("InstanceTypes:0:Id", "c7g.large"), ("InstanceTypes:0:Cpu", "2"), ("InstanceTypes:0:MemoryMiB", "4096"),
            ("InstanceTypes:0:StorageGiB", "20"), ("InstanceTypes:0:Architecture", "arm64"));

        var profile = Assert.Single(await driver.ListHardwareProfilesAsync(Ct));

        Assert.Equal(("c7g.large", 2L, 4096L, 20L, "arm64"),
            (profile.Id, profile.Cpu.Default, profile.MemoryMiB.Default, profile.StorageGiB.Default, profile.Architecture));
    }

    [Theory]
    [InlineData("Region", null, "Region is required")]
    [InlineData("Region", "Europe", "Region 'Europe' is not an AWS region name")]
    [InlineData("ServiceUrl", "ftp://127.0.0.1/", "ServiceUrl 'ftp://127.0.0.1/' must be an absolute http or https URL")]
    [InlineData("MaxErrorRetry", "-1", "MaxErrorRetry must be between 0 and 10")]
    [InlineData("RequestTimeout", "00:00:00", "RequestTimeout must be positive")]
    [InlineData("InstanceTypes:0:Id", "T3 Micro", "InstanceTypes:0:Id must be an EC2 instance type")]
    public void An_invalid_setting_is_named_in_the_error(string key, string? value, string expected)
    {
        var ex = Assert.Throws<DriverException>(() => Harness.Open((key, value)));

        Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("docs/providers-ec2.md", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credentials_section_without_its_secret_names_the_missing_key()
    {
        var ex = Assert.Throws<DriverException>(() => Harness.Open(("Credentials:SecretAccessKey", null)));

        Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
        Assert.Contains("Credentials:SecretAccessKey is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_errors_never_show_the_secret()
    {
        const string secret = "very-secret-value-42";
        var ex = Assert.Throws<DriverException>(() => Harness.Open(("Region", null), ("Credentials:SecretAccessKey", secret)));

        Assert.DoesNotContain(secret, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_token_is_accepted_with_temporary_keys()
    {
        var driver = Harness.Open(("Credentials:SessionToken", "FwoGZXIvYXdzEXAMPLETOKEN"));

        Assert.NotEmpty(await driver.ListRealmsAsync(Ct));
    }

    [Fact]
    public async Task Every_call_of_a_cancelled_request_stops_before_reaching_EC2()
    {
        var driver = Harness.Open();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => driver.ListRealmsAsync(cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => driver.StopInstanceAsync("i-0123456789abcdef0", cancelled.Token));

        Assert.Equal(0, Harness.Fake.Counters.TotalRequests);
    }
}
