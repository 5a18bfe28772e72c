using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Testing.Ec2;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.StoredProviders;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Providers;

/// <summary>
/// Issue 13, item 4: credentials stay bound to their endpoint. A replacement that changes where an account's sealed
/// credentials would be sent must carry them again (else 400 naming the settings), and an EC2 account defined through
/// the API never runs on the broker host's own AWS credentials. Two EC2 fakes stand for the account's endpoint and an
/// attacker's.
/// </summary>
public sealed class ProviderRepointingTests(StoredProvidersFactory factory) : IClassFixture<StoredProvidersFactory>, IAsyncLifetime
{
    private Ec2Fake? _account;
    private Ec2Fake? _attacker;

    [Fact]
    public async Task Re_pointing_an_account_without_its_credentials_is_refused_and_the_new_endpoint_hears_nothing()
    {
        using var admin = factory.CreateAdminClient();
        var id = NewId("aws");
        var (_, etag) = await admin.CreateProviderAsync(Account(id, _account!, withCredentials: true));
        var before = _account!.Counters.TotalRequests;

        var repointed = Account(id, _attacker!, withCredentials: false);
        using (var refused = await admin.PutProviderAsync(id, repointed, etag))
        {
            var problem = await ExpectProblemAsync(refused, HttpStatusCode.BadRequest, "validation");
            Assert.Equal(["/settings/ServiceUrl", "/credentials"], problem["errors"]!.AsArray().Select(e => (string?)e!["pointer"]));
            Assert.All(problem["errors"]!.AsArray(), e => Assert.Contains("credentials", (string?)e!["detail"], StringComparison.Ordinal));
        }

        var region = Account(id, _account!, withCredentials: false);
        region["settings"]!["Region"] = "eu-west-1";
        using (var refused = await admin.PutProviderAsync(id, region, etag))
        {
            await ExpectFieldErrorAsync(refused, "/settings/Region");
        }

        Assert.Equal(0, _attacker!.Counters.TotalRequests);
        var stored = await admin.GetProviderAsync(id);
        Assert.Equal(1, (int?)stored["version"]);
        Assert.Equal(_account.ServiceUrl.ToString(), (string?)stored["settings"]!["ServiceUrl"]);

        // A change that keeps the endpoint keeps the credentials without sending them again.
        var same = Account(id, _account, withCredentials: false);
        same["settings"]!["MaxErrorRetry"] = "1";
        using (var kept = await admin.PutProviderAsync(id, same, etag))
        {
            var body = await ExpectJsonAsync(kept, HttpStatusCode.OK);
            Assert.True((bool)body["credentials"]!["set"]!);
            etag = kept.Headers.ETag!.ToString();
        }

        using (var test = await admin.PostAsync($"/api/providers/{id}/test", null, Ct))
        {
            await ExpectJsonAsync(test, HttpStatusCode.OK);
        }

        Assert.True(_account.Counters.TotalRequests > before);

        // With the credentials in the same request the account may move.
        using (var moved = await admin.PutProviderAsync(id, Account(id, _attacker, withCredentials: true), etag))
        {
            await ExpectJsonAsync(moved, HttpStatusCode.OK);
        }

        using var movedTest = await admin.PostAsync($"/api/providers/{id}/test", null, Ct);
        await ExpectJsonAsync(movedTest, HttpStatusCode.OK);
        Assert.True(_attacker.Counters.TotalRequests > 0);
    }

    [Fact]
    public async Task Changing_the_driver_or_clearing_required_credentials_is_refused()
    {
        using var admin = factory.CreateAdminClient();
        var id = NewId("aws");
        var (_, etag) = await admin.CreateProviderAsync(Account(id, _account!, withCredentials: true));

        using (var driver = await admin.PutProviderAsync(id, new JsonObject { ["driver"] = "mock" }, etag))
        {
            var error = await ExpectFieldErrorAsync(driver, "/credentials");
            Assert.Contains("driver", (string?)error["detail"], StringComparison.Ordinal);
        }

        var cleared = Account(id, _account!, withCredentials: false);
        cleared["credentials"] = new JsonObject();
        using var refused = await admin.PutProviderAsync(id, cleared, etag);
        await ExpectFieldErrorAsync(refused, "/credentials/AccessKeyId");
    }

    [Fact]
    public async Task An_ec2_account_without_keys_is_refused_instead_of_running_on_the_hosts_own_credentials()
    {
        using var admin = factory.CreateAdminClient();
        var id = NewId("ambient");
        using var response = await admin.PostAsync("/api/providers", Body(Account(id, _account!, withCredentials: false)), Ct);

        var problem = await ExpectProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["/credentials/AccessKeyId", "/credentials/SecretAccessKey"], problem["errors"]!.AsArray().Select(e => (string?)e!["pointer"]));
        Assert.All(problem["errors"]!.AsArray(), e => Assert.Contains("never the broker host's own", (string?)e!["detail"], StringComparison.Ordinal));
        Assert.Equal(0, _account!.Counters.TotalRequests);
        using var gone = await admin.GetAsync("/api/providers/" + id, Ct);
        await ExpectProblemAsync(gone, HttpStatusCode.NotFound, "not-found");
    }

    public async ValueTask InitializeAsync()
    {
        _account = await Ec2Fake.StartAsync();
        _attacker = await Ec2Fake.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var fake in new[] { _account, _attacker })
        {
            if (fake is not null)
            {
                await fake.DisposeAsync();
            }
        }
    }

    private static JsonObject Account(string id, Ec2Fake endpoint, bool withCredentials)
    {
        var body = new JsonObject
        {
            ["id"] = id, ["driver"] = "ec2",
            ["settings"] = new JsonObject { ["Region"] = endpoint.Options.Region, ["ServiceUrl"] = endpoint.ServiceUrl.ToString() },
        };
        if (withCredentials)
        {
            body["credentials"] = new JsonObject { ["AccessKeyId"] = Ec2FakeOptions.DefaultAccessKeyId, ["SecretAccessKey"] = Ec2FakeOptions.DefaultSecretAccessKey };
        }

        return body;
    }
}
