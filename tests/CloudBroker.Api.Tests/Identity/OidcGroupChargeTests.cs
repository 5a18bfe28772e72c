using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Identity;

/// <summary>
/// A token's <c>groups</c> claim vouches for membership on its own: a create checked in its transaction charges a group
/// the token names even when the user's stored memberships do not list it, as long as the group exists.
/// </summary>
public sealed class OidcGroupChargeTests(OidcApiFactory factory) : IClassFixture<OidcApiFactory>
{
    [Fact]
    public async Task A_group_the_token_names_is_charged_though_no_stored_membership_lists_it()
    {
        using var admin = factory.CreateAdminClient();
        var tenant = await admin.CreateTenantAsync(UniqueName("oidc-charge"));
        var defaultGroup = await admin.DefaultGroupAsync(tenant);
        var lab = (string)(await admin.PostAsync("/api/groups", new JsonObject { ["name"] = "lab", ["tenantId"] = tenant })).Body["id"]!;
        var subject = Guid.NewGuid().ToString();
        using (var first = factory.WithKey(factory.Token(subject, tenant, roles: ["member"], groups: [defaultGroup])))
        using (var me = await first.GetAsync("/api/me", Ct))
        {
            Assert.Equal([defaultGroup], Strings((await ExpectJsonAsync(me, HttpStatusCode.OK))["groupIds"])); // stored: default only
        }

        using var later = factory.WithKey(factory.Token(subject, tenant, roles: ["member"], groups: [defaultGroup, "lab"]));
        var (id, _) = await later.CreateAsync(InstanceCalls.Request(UniqueName("lab-vm")).Also("groupId", lab));
        using var read = await admin.GetAsync("/api/instances/" + id, Ct);
        Assert.Equal(lab, (string?)(await ExpectJsonAsync(read, HttpStatusCode.OK))["groupId"]);
    }
}
