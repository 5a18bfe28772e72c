using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Identity.Access;
using CloudBroker.Testing.Ec2;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.StoredProviders;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Providers;

/// <summary>
/// Issue 13, the one provider-status rule: everyone (anonymous included) sees a provider's status and its category;
/// only admins see the upstream error text, the settings and the credential field names. The provider here is an EC2
/// account whose key the endpoint refuses, so its reason quotes the endpoint's own answer.
/// </summary>
public sealed class ProviderVisibilityTests(StoredProvidersFactory factory) : IClassFixture<StoredProvidersFactory>, IAsyncLifetime
{
    // What the EC2 fake answers a key it does not know: the upstream text that must stay with admins.
    private const string UpstreamText = "AWS was not able to validate the provided access credentials";

    private Ec2Fake? _fake;
    private string _id = "";

    public static TheoryData<string> NonAdminRoles() => [Roles.TenantAdmin, Roles.Member, Roles.Finance, Roles.Auditor];

    [Fact]
    public async Task Anonymous_callers_see_status_and_category_in_the_entry_point_and_readyz_but_no_upstream_text()
    {
        using var anonymous = factory.CreateClient();
        using (var root = await anonymous.GetAsync("/api", Ct))
        {
            var text = await root.Content.ReadAsStringAsync(Ct);
            var provider = (await ExpectJsonAsync(root, HttpStatusCode.OK))["providers"]!.AsArray().Single(p => (string?)p!["id"] == _id)!.AsObject();
            AssertMembers(provider, "id", "driver", "status", "statusCategory", "capabilities", "catalogRefreshedAt");
            Assert.Equal("unavailable", (string?)provider["status"]);
            Assert.Equal("credentials-refused", (string?)provider["statusCategory"]);
            AssertNothingPrivate(text);
        }

        using var ready = await anonymous.GetAsync("/readyz", Ct);
        var readyText = await ready.Content.ReadAsStringAsync(Ct);
        Assert.Equal("unavailable: credentials-refused", (string?)(await ExpectJsonAsync(ready, HttpStatusCode.OK))["checks"]!["provider:" + _id]);
        AssertNothingPrivate(readyText);
    }

    [Theory]
    [MemberData(nameof(NonAdminRoles))]
    public async Task Other_roles_see_status_and_category_but_no_reason_settings_or_credential_names(string role)
    {
        var tenant = UniqueName("vis");
        using var client = factory.WithKey(await factory.AddUserKeyAsync(tenant + "-" + role, role, tenant));

        using (var list = await client.GetAsync("/api/providers?limit=500", Ct))
        {
            var text = await list.Content.ReadAsStringAsync(Ct);
            var provider = (await ExpectJsonAsync(list, HttpStatusCode.OK))["items"]!.AsArray().Single(p => (string?)p!["id"] == _id)!.AsObject();
            AssertHidden(provider);
            AssertNothingPrivate(text);
        }

        using (var one = await client.GetAsync("/api/providers/" + _id, Ct))
        {
            var text = await one.Content.ReadAsStringAsync(Ct);
            AssertHidden(await ExpectJsonAsync(one, HttpStatusCode.OK));
            AssertNothingPrivate(text);
        }

        using var test = await client.PostAsync($"/api/providers/{_id}/test", null, Ct);
        await ExpectProblemAsync(test, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Admins_see_the_upstream_reason_the_settings_and_the_credential_names()
    {
        using var admin = factory.CreateAdminClient();
        var provider = await admin.GetProviderAsync(_id);
        Assert.Equal("credentials-refused", (string?)provider["statusCategory"]);
        Assert.Contains(UpstreamText, (string?)provider["statusReason"], StringComparison.Ordinal);
        Assert.Equal(_fake!.ServiceUrl.ToString(), (string?)provider["settings"]!["ServiceUrl"]);
        Assert.Equal(["AccessKeyId", "SecretAccessKey"], Strings(provider["credentials"]!["fields"]));

        using var test = await admin.PostAsync($"/api/providers/{_id}/test", null, Ct);
        var problem = await ExpectProblemAsync(test, HttpStatusCode.BadGateway, "provider-authentication-failed");
        Assert.Contains(UpstreamText, (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_asking_for_a_machine_there_is_told_the_category_not_the_upstream_text()
    {
        var tenant = UniqueName("vis");
        using var member = factory.WithKey(await factory.AddUserKeyAsync(tenant + "-member", Roles.Member, tenant));
        using var response = await member.PostAsync(new JsonObject
        {
            ["name"] = UniqueName("vm"), ["providerId"] = _id, ["imageId"] = "ami-0a1b2c3d4e5f60718", ["hardwareProfileId"] = "t3.micro",
        });

        var text = await response.Content.ReadAsStringAsync(Ct);
        var problem = await ExpectProblemAsync(response, HttpStatusCode.ServiceUnavailable, "provider-unavailable");
        Assert.Equal("credentials-refused", (string?)problem["statusCategory"]);
        AssertNothingPrivate(text);
    }

    public async ValueTask InitializeAsync()
    {
        _fake = await Ec2Fake.StartAsync();
        _id = NewId("vis");
        using var admin = factory.CreateAdminClient();
        var (created, _) = await admin.CreateProviderAsync(new JsonObject
        {
            ["id"] = _id, ["driver"] = "ec2",
            ["settings"] = new JsonObject { ["Region"] = _fake.Options.Region, ["ServiceUrl"] = _fake.ServiceUrl.ToString() },
            ["credentials"] = new JsonObject { ["AccessKeyId"] = "AKIAUNKNOWNKEY000000", ["SecretAccessKey"] = Ec2FakeOptions.DefaultSecretAccessKey },
        });
        Assert.Equal("credentials-refused", (string?)created["statusCategory"]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_fake is not null)
        {
            await _fake.DisposeAsync();
        }
    }

    private static void AssertHidden(JsonObject provider)
    {
        Assert.Equal("unavailable", (string?)provider["status"]);
        Assert.Equal("credentials-refused", (string?)provider["statusCategory"]);
        Assert.Null(provider["statusReason"]);
        Assert.Null(provider["settings"]);
        Assert.Null(provider["credentials"]);
    }

    /// <summary>No upstream text, no endpoint, no credential field name in an answer.</summary>
    private void AssertNothingPrivate(string answer)
    {
        foreach (var secret in new[] { UpstreamText, "AuthFailure", _fake!.ServiceUrl.Authority, "AccessKeyId", "SecretAccessKey", "AKIAUNKNOWNKEY" })
        {
            Assert.DoesNotContain(secret, answer, StringComparison.Ordinal);
        }
    }
}
