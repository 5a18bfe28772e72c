using Xunit;

namespace CloudBroker.Drivers.Ec2.Tests;

/// <summary>
/// An EC2 provider defined through the API: it must carry its keys (never the broker host's own AWS credentials),
/// and every connection it makes goes through the endpoint policy, which resolves names itself.
/// </summary>
public sealed class ApiOriginTests : Ec2TestBase
{
    private static readonly EndpointPolicy Defaults = EndpointPolicy.Create(["*"], []);

    [Fact]
    public async Task Without_keys_a_provider_of_the_api_is_refused_while_one_of_configuration_runs_on_the_hosts_own()
    {
        var settings = Harness.Settings();
        settings.Remove("Credentials:AccessKeyId");
        settings.Remove("Credentials:SecretAccessKey");

        // The host's own credentials, as an instance role or the broker's environment would give them.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", Testing.Ec2.Ec2FakeOptions.DefaultAccessKeyId);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", Testing.Ec2.Ec2FakeOptions.DefaultSecretAccessKey);
        try
        {
            var ex = Assert.Throws<DriverException>(() => Ec2Harness.Factory(settings, ProviderOrigin.Api, EndpointPolicy.Create(["*", "127.0.0.1"], [])));
            Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
            Assert.Contains("Credentials:AccessKeyId is required", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Credentials:SecretAccessKey is required", ex.Message, StringComparison.Ordinal);

            await using var configured = Ec2Harness.Factory(settings, ProviderOrigin.Configuration, EndpointPolicy.Unrestricted);
            Assert.NotEmpty(await configured.ListRealmsAsync(Ct)); // the fake knows the key: the default chain found the host's
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", null);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", null);
        }
    }

    [Fact]
    public void A_provider_of_configuration_on_a_host_without_credentials_is_unavailable_saying_so()
    {
        var settings = Harness.Settings();
        settings.Remove("Credentials:AccessKeyId");
        settings.Remove("Credentials:SecretAccessKey");

        // A host with nothing for the default chain to find: no keys in the environment, no profile, no instance role.
        Environment.SetEnvironmentVariable("AWS_PROFILE", "cloudbroker-test-no-such-profile");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        try
        {
            var ex = Assert.Throws<DriverException>(() => Ec2Harness.Factory(settings, ProviderOrigin.Configuration, EndpointPolicy.Unrestricted));
            Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
            Assert.Contains("default AWS credential chain", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_PROFILE", null);
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", null);
        }
    }

    [Fact]
    public async Task The_endpoint_policy_connects_where_it_allows_and_refuses_a_name_that_resolves_to_loopback()
    {
        var settings = Harness.Settings();
        await using (var allowed = Ec2Harness.Factory(settings, ProviderOrigin.Api, EndpointPolicy.Create(["*", "127.0.0.1"], [])))
        {
            Assert.NotEmpty(await allowed.ListRealmsAsync(Ct));
        }

        var before = Harness.Fake.Counters.TotalRequests;
        settings["ServiceUrl"] = $"http://localhost:{Harness.Fake.ServiceUrl.Port}/";
        await using var refused = Ec2Harness.Factory(settings, ProviderOrigin.Api, Defaults);

        var ex = await Assert.ThrowsAsync<DriverException>(() => refused.ListRealmsAsync(Ct));

        Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
        Assert.Contains("'localhost' resolves to", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, Harness.Fake.Counters.TotalRequests);
    }
}
