using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Testing.Ec2;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.StoredProviders;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Providers;

/// <summary>
/// An EC2 account defined through the API, against the EC2 fake: the stored credentials reach the real SDK under
/// <c>Credentials:</c> (the fake checks the access key id of every signed request), a key the account does not know is
/// reported as refused credentials, and machines run on it.
/// </summary>
public sealed class Ec2StoredProviderTests(StoredProvidersFactory factory) : IClassFixture<StoredProvidersFactory>, IAsyncLifetime
{
    private Ec2Fake? _fake;

    [Fact]
    public async Task An_ec2_account_defined_through_the_api_answers_its_test_and_runs_machines()
    {
        using var admin = factory.CreateAdminClient();
        var id = NewId("aws");
        var (created, _) = await admin.CreateProviderAsync(Body(id, Ec2FakeOptions.DefaultAccessKeyId));
        Assert.Equal("available", (string?)created["status"]);
        Assert.Equal(["AccessKeyId", "SecretAccessKey"], Strings(created["credentials"]!["fields"]));

        using (var test = await admin.PostAsync($"/api/providers/{id}/test", null, Ct))
        {
            Assert.True((int?)(await ExpectJsonAsync(test, HttpStatusCode.OK))["realms"] > 0);
        }

        var machine = await admin.CreateRunningAsync(new JsonObject
        {
            ["name"] = UniqueName("vm"), ["providerId"] = id, ["imageId"] = "ami-0a1b2c3d4e5f60718", ["hardwareProfileId"] = "t3.micro",
        });
        Assert.Equal(id, (string?)machine["providerId"]);
    }

    [Fact]
    public async Task An_access_key_the_account_does_not_know_is_reported_as_refused_credentials()
    {
        using var admin = factory.CreateAdminClient();
        var id = NewId("aws-bad");
        await admin.CreateProviderAsync(Body(id, "AKIAUNKNOWNKEY000000"));
        using var test = await admin.PostAsync($"/api/providers/{id}/test", null, Ct);
        var problem = await ExpectProblemAsync(test, HttpStatusCode.BadGateway, "provider-authentication-failed");
        Assert.Equal(id, (string?)problem["providerId"]);
        Assert.DoesNotContain(Ec2FakeOptions.DefaultSecretAccessKey, problem.ToJsonString(), StringComparison.Ordinal);
    }

    public async ValueTask InitializeAsync() => _fake = await Ec2Fake.StartAsync(new Ec2FakeOptions { PendingFor = TimeSpan.FromMilliseconds(300) });

    public async ValueTask DisposeAsync()
    {
        if (_fake is not null)
        {
            await _fake.DisposeAsync();
        }
    }

    private JsonObject Body(string id, string accessKeyId) => new()
    {
        ["id"] = id,
        ["driver"] = "ec2",
        ["settings"] = new JsonObject { ["Region"] = _fake!.Options.Region, ["ServiceUrl"] = _fake.ServiceUrl.ToString() },
        ["credentials"] = new JsonObject { ["AccessKeyId"] = accessKeyId, ["SecretAccessKey"] = Ec2FakeOptions.DefaultSecretAccessKey },
    };
}
