using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Testing.Ec2;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.StoredProviders;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Providers;

/// <summary>
/// Issue 13, item 4 (SSRF): a provider defined through the API never reaches link-local and cloud metadata addresses
/// nor the broker's own host — refused when written (400 naming the setting) and, for a name that resolves there,
/// when connecting (the endpoint is never called). The endpoint policy here is at its defaults.
/// </summary>
public sealed class ProviderSsrfTests(ProviderRulesFactory factory) : IClassFixture<ProviderRulesFactory>, IAsyncLifetime
{
    private Ec2Fake? _fake;

    public static TheoryData<string, string, string> RefusedEndpoints() => new()
    {
        { "ec2", "ServiceUrl", "http://169.254.169.254/latest/meta-data/" },
        { "ec2", "ServiceUrl", "http://[fd00:ec2::254]/" },
        { "ec2", "ServiceUrl", "http://[fe80::1]/" },
        { "ec2", "ServiceUrl", "http://[::ffff:169.254.169.254]/" },
        { "ec2", "ServiceUrl", "http://2852039166/" },
        { "ec2", "ServiceUrl", "http://0xa9fea9fe/" },
        { "ec2", "ServiceUrl", "http://127.0.0.1:8080/" },
        { "ec2", "ServiceUrl", "http://[::1]:8080/" },
        { "ec2", "ServiceUrl", "http://0.0.0.0:8080/" },
        { "azure", "Endpoint", "https://169.254.169.254/" },
        { "azure", "AuthorityHost", "https://[fd00:ec2::254]/" },
        { "libvirt", "Uris:0", "qemu+tls://169.254.169.254/system" },
        { "libvirt", "Uris:0", "qemu+ssh://root@127.0.0.1/system" },
    };

    [Theory]
    [MemberData(nameof(RefusedEndpoints))]
    public async Task A_metadata_link_local_or_own_host_address_is_refused_naming_the_setting(string driver, string key, string value)
    {
        using var admin = factory.CreateAdminClient();
        var id = NewId("ssrf");
        using var response = await admin.PostAsync("/api/providers", Body(new JsonObject
        {
            ["id"] = id, ["driver"] = driver, ["settings"] = new JsonObject { [key] = value },
        }), Ct);

        var error = await ExpectFieldErrorAsync(response, "/settings/" + key);
        Assert.Contains("may not reach", (string?)error["detail"], StringComparison.Ordinal);
        Assert.Contains("CloudBroker:ProviderEndpoints:Allow", (string?)error["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_that_resolves_to_a_refused_address_is_refused_when_connecting_and_the_endpoint_hears_nothing()
    {
        using var admin = factory.CreateAdminClient();
        var id = NewId("rebind");
        var (created, _) = await admin.CreateProviderAsync(new JsonObject
        {
            ["id"] = id, ["driver"] = "ec2",
            ["settings"] = new JsonObject { ["Region"] = _fake!.Options.Region, ["ServiceUrl"] = $"http://localhost:{_fake.ServiceUrl.Port}/" },
            ["credentials"] = new JsonObject { ["AccessKeyId"] = Ec2FakeOptions.DefaultAccessKeyId, ["SecretAccessKey"] = Ec2FakeOptions.DefaultSecretAccessKey },
        });
        Assert.Equal("unavailable", (string?)created["status"]);
        Assert.Equal("unreachable", (string?)created["statusCategory"]);

        using var test = await admin.PostAsync($"/api/providers/{id}/test", null, Ct);
        var problem = await ExpectProblemAsync(test, HttpStatusCode.ServiceUnavailable, "provider-unavailable");
        Assert.Contains("'localhost' resolves to", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Contains("the broker did not connect", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(0, _fake.Counters.TotalRequests);
    }

    public async ValueTask InitializeAsync() => _fake = await Ec2Fake.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_fake is not null)
        {
            await _fake.DisposeAsync();
        }
    }
}
