using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CloudBroker.Drivers.Ec2.Tests;

/// <summary>
/// What an EC2 provider declares it reaches (<see cref="ICloudDriverFactory.DescribeEndpoint"/>): an account and region
/// at an endpoint, known by its access key, which the key never shows in; another key there may be the same account.
/// </summary>
public sealed class EndpointTests
{
    private const string KeyId = "AKIAENDPOINTTEST0001";

    [Fact]
    public void One_access_key_at_one_endpoint_and_region_is_one_key_and_never_shows_the_key_id()
    {
        var endpoint = Describe(("ServiceUrl", "HTTPS://EC2.eu-west-1.amazonaws.com:443/"));

        Assert.Equal(Describe().Keys, endpoint.Keys);
        Assert.DoesNotContain(endpoint.Keys.Concat(endpoint.PossibleKeys), k => k.Contains(KeyId, StringComparison.Ordinal));
        Assert.Equal(["ec2 https://ec2.eu-west-1.amazonaws.com region eu-west-1"], endpoint.PossibleKeys);
    }

    [Fact]
    public void Another_access_key_there_may_be_the_same_account_so_it_is_only_a_possible_overlap()
    {
        var first = Describe();
        var second = Describe(("Credentials:AccessKeyId", "AKIAENDPOINTTEST0002"));

        Assert.Empty(first.Keys.Intersect(second.Keys));
        Assert.Equal(first.PossibleKeys, second.PossibleKeys);
    }

    [Fact]
    public void Every_provider_on_the_default_credential_chain_is_the_same_account()
    {
        var ambient = Describe(("Credentials:AccessKeyId", null), ("Credentials:SecretAccessKey", null));

        Assert.Equal(ambient.Keys, Describe(("Credentials:AccessKeyId", null), ("Credentials:SecretAccessKey", null)).Keys);
        Assert.Contains("default AWS credential chain", Assert.Single(ambient.Keys), StringComparison.Ordinal);
        Assert.Empty(ambient.Keys.Intersect(Describe().Keys));
    }

    [Theory]
    [InlineData("Region", "eu-central-1")]
    [InlineData("ServiceUrl", "http://127.0.0.1:4566/")]
    public void Another_region_or_endpoint_is_another_place(string key, string value) =>
        Assert.Empty(Describe().Keys.Intersect(Describe((key, value)).Keys).Concat(Describe().PossibleKeys.Intersect(Describe((key, value)).PossibleKeys)));

    private static ProviderEndpoint Describe(params (string Key, string? Value)[] changes)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Region"] = "eu-west-1",
            ["Credentials:AccessKeyId"] = KeyId,
            ["Credentials:SecretAccessKey"] = "not-needed-to-describe",
        };
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        return new Ec2DriverFactory().DescribeEndpoint(new ProviderContext(
            "aws", new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Path.GetTempPath(), "test-installation",
            TimeProvider.System, NullLoggerFactory.Instance));
    }
}
