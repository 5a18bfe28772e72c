using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Drivers;
using CloudBroker.Provisioning.Providers;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CloudBroker.Api.Tests.Providers;

/// <summary>
/// docs/security.md stays true to the data it documents: every setting each driver lets a provider of the API carry
/// (or keeps for configuration), every credential a driver requires, and every provider status category.
/// </summary>
public sealed class SecurityDocsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly Lazy<string> Page = new(() => File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "security.md")));

    [Fact]
    public void Every_declared_api_setting_and_required_credential_of_every_driver_is_documented()
    {
        var drivers = factory.Services.GetServices<ICloudDriverFactory>().ToList();
        Assert.Equal(["azure", "ec2", "libvirt", "mock"], drivers.Select(d => d.Name).Order(StringComparer.Ordinal));
        foreach (var driver in drivers)
        {
            foreach (var setting in driver.ApiSettings.Settings)
            {
                Assert.True(Page.Value.Contains($"`{setting.Key}`", StringComparison.Ordinal), $"docs/security.md does not list {driver.Name}'s `{setting.Key}`");
            }

            foreach (var credential in driver.ApiSettings.RequiredCredentials)
            {
                Assert.Contains($"`Credentials:{credential}`", Page.Value, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Every_provider_status_category_is_documented() =>
        Assert.All(ProviderStatusCategory.All, c => Assert.Contains($"| `{c.Slug}` |", Page.Value, StringComparison.Ordinal));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudBroker.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no CloudBroker.sln above {AppContext.BaseDirectory}");
    }
}
