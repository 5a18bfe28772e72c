using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Testing.Azure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.StoredProviders;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Providers;

/// <summary>
/// An Azure subscription defined through the API, against the ARM fake: it trusts the fake's certificate through a
/// trust bundle of configuration (it may not name a file), and a replacement that moves its token requests or ARM
/// calls elsewhere must bring the client secret again.
/// </summary>
public sealed class AzureStoredProviderTests : IAsyncLifetime
{
    private ArmFake? _fake;
    private StoredProvidersFactory? _factory;

    [Fact]
    public async Task An_azure_subscription_trusts_a_bundle_of_configuration_by_name_and_runs_machines()
    {
        using var admin = _factory!.CreateAdminClient();
        var id = NewId("az");
        var (created, _) = await admin.CreateProviderAsync(Body(id, withCredentials: true));
        Assert.Equal("available", (string?)created["status"]);
        Assert.Equal("fake", (string?)created["settings"]!["TrustBundle"]);
        Assert.DoesNotContain(_fake!.CertificateFile, created.ToJsonString(), StringComparison.Ordinal);

        // A machine is a token request and ARM calls over TLS to the fake, whose certificate only the bundle vouches for.
        var machine = await admin.CreateRunningAsync(new JsonObject
        {
            ["name"] = UniqueName("vm"), ["providerId"] = id, ["imageId"] = "ubuntu-22-04", ["hardwareProfileId"] = "Standard_B1s",
        });
        Assert.Equal(id, (string?)machine["providerId"]);
        Assert.True(_fake.Counters["token"] > 0);
    }

    [Theory]
    [InlineData("AuthorityHost")]
    [InlineData("Endpoint")]
    [InlineData("Audience")]
    [InlineData("TrustBundle")]
    public async Task Moving_where_the_secret_goes_needs_the_credentials_in_the_same_request(string key)
    {
        using var admin = _factory!.CreateAdminClient();
        var id = NewId("az");
        var (_, etag) = await admin.CreateProviderAsync(Body(id, withCredentials: true));
        var before = _fake!.Counters.Snapshot();

        var moved = Body(id, withCredentials: false);
        moved["settings"]![key] = key == "TrustBundle" ? "other" : "https://login.attacker.example/";
        using (var refused = await admin.PutProviderAsync(id, moved, etag))
        {
            var problem = await ExpectProblemAsync(refused, HttpStatusCode.BadRequest, "validation");
            Assert.Equal(["/settings/" + key, "/credentials"], problem["errors"]!.AsArray().Select(e => (string?)e!["pointer"]));
        }

        Assert.Equal(before, _fake.Counters.Snapshot());
        Assert.Equal(1, (int?)(await admin.GetProviderAsync(id))["version"]);
    }

    public async ValueTask InitializeAsync()
    {
        _fake = await ArmFake.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        _factory = StoredProvidersFactory.On(ApiFactory.NewDataDirectory(), new Dictionary<string, string?>
        {
            ["CloudBroker:Drivers:azure:TrustBundles:fake"] = _fake.CertificateFile,
            ["CloudBroker:Drivers:azure:TrustBundles:other"] = _fake.CertificateFile,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            ApiFactory.DeleteData(_factory.DataDirectory);
        }

        if (_fake is not null)
        {
            await _fake.DisposeAsync();
        }
    }

    private JsonObject Body(string id, bool withCredentials)
    {
        var settings = new JsonObject();
        foreach (var (key, value) in _fake!.ProviderSettings())
        {
            if (key is not ("Driver" or "TrustedCertificateFile") && !key.StartsWith("Credentials:", StringComparison.Ordinal))
            {
                settings[key] = value;
            }
        }

        settings["TrustBundle"] = "fake";
        var body = new JsonObject { ["id"] = id, ["driver"] = "azure", ["settings"] = settings };
        if (withCredentials)
        {
            body["credentials"] = new JsonObject
            {
                ["TenantId"] = _fake.Options.TenantId, ["ClientId"] = _fake.Options.ClientId, ["ClientSecret"] = _fake.Options.ClientSecret,
            };
        }

        return body;
    }
}
