using CloudBroker.Identity.Access;
using CloudBroker.Identity.Tenancy;
using CloudBroker.Persistence.Ownership;
using CloudBroker.Provisioning.Keys;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Provisioning.Tests;

/// <summary>
/// Ownership inside a tenant (<see cref="OwnedRows"/>, made from a caller by <see cref="CallerRows"/>): what each role
/// reaches, and the rule as SQL on both engines giving exactly the rows its in-memory twin allows.
/// </summary>
public sealed class OwnedRowsTests
{
    // Tenant t1: alice is in groups g-a and g-shared, bob in g-b and g-shared; carol charged a key to g-a. Tenant t2: dave.
    private static readonly SshKey[] Keys =
    [
        Key("alice-own", "t1", "alice", "g-a"),
        Key("bob-own", "t1", "bob", "g-b"),
        Key("bob-shared", "t1", "bob", "g-shared"),
        Key("carol-in-g-a", "t1", "carol", "g-a"),
        Key("alice-in-g-b", "t1", "alice", "g-b"),
        Key("dave-own", "t2", "dave", "g-shared"),
    ];

    private static readonly Caller Alice = Member("t1", "alice", "g-a", "g-shared");

    [Fact]
    public void A_member_reaches_what_it_owns_and_what_is_charged_to_one_of_its_groups_and_nothing_else()
    {
        var rows = Alice.Rows();
        Assert.Equal(["alice-own", "bob-shared", "carol-in-g-a", "alice-in-g-b"], Keys.Where(rows.MayRead).Select(k => k.Id));
        Assert.Equal(Keys.Where(rows.MayRead), Keys.Where(rows.MayAct));
        Assert.Equal(["alice-own", "alice-in-g-b"], Keys.Where(Member("t1", "alice").Rows().MayAct).Select(k => k.Id)); // in no group: its own only
    }

    [Fact]
    public void A_tenant_admin_reaches_its_whole_tenant_auditors_and_finance_read_it_and_an_admin_reaches_every_tenant()
    {
        var tenantAdmin = new Caller("t1", "boss", Set(Roles.TenantAdmin), []).Rows();
        Assert.Equal(5, Keys.Count(tenantAdmin.MayRead));
        Assert.Equal(5, Keys.Count(tenantAdmin.MayAct));
        Assert.DoesNotContain(Keys.Where(tenantAdmin.MayRead), k => k.TenantId == "t2");

        foreach (var role in new[] { Roles.Auditor, Roles.Finance })
        {
            var reader = new Caller("t1", "eve", Set(role), []).Rows();
            Assert.Equal(5, Keys.Count(reader.MayRead));
            Assert.DoesNotContain(Keys, reader.MayAct);
        }

        // Roles add up: a member who is also the tenant's auditor reads everything and still acts on its own and its groups' only.
        var memberAuditor = new Caller("t1", "alice", Set(Roles.Member, Roles.Auditor), ["g-a", "g-shared"]).Rows();
        Assert.Equal(5, Keys.Count(memberAuditor.MayRead));
        Assert.Equal(Keys.Where(Alice.Rows().MayAct), Keys.Where(memberAuditor.MayAct));

        var admin = new Caller(SystemTenant.TenantId, SystemTenant.AdminUserId, Set(Roles.Admin), [SystemTenant.GroupId]).Rows();
        Assert.Equal(Keys.Length, Keys.Count(admin.MayAct));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_query_filter_finds_exactly_the_rows_the_check_on_a_row_allows_for_every_role(string engine)
    {
        await using var database = await MigratedDatabase.CreateAsync(engine);
        await using (var db = database.NewContext())
        {
            db.AddRange(Keys);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Caller[] callers =
        [
            Alice, Member("t1", "alice"), Member("t1", "nobody"), Member("t2", "dave", "g-shared"),
            new("t1", "boss", Set(Roles.TenantAdmin), []), new("t1", "eve", Set(Roles.Auditor), []), new("t1", "fin", Set(Roles.Finance), []),
            new("t1", "alice", Set(Roles.Member, Roles.Auditor), ["g-a", "g-shared"]),
            new(SystemTenant.TenantId, SystemTenant.AdminUserId, Set(Roles.Admin), [SystemTenant.GroupId]),
        ];
        await using var query = database.NewContext();
        foreach (var caller in callers)
        {
            var rows = caller.Rows();
            var readable = await rows.Readable(query.Set<SshKey>()).Select(k => k.Id).ToListAsync(TestContext.Current.CancellationToken);
            var actionable = await rows.Actionable(query.Set<SshKey>()).Select(k => k.Id).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(Keys.Where(rows.MayRead).Select(k => k.Id).Order(StringComparer.Ordinal), readable.Order(StringComparer.Ordinal));
            Assert.Equal(Keys.Where(rows.MayAct).Select(k => k.Id).Order(StringComparer.Ordinal), actionable.Order(StringComparer.Ordinal));
        }
    }

    private static Caller Member(string tenantId, string userId, params string[] groupIds) => new(tenantId, userId, Set(Roles.Member), groupIds);

    private static HashSet<string> Set(params string[] roles) => new(roles, StringComparer.Ordinal);

    private static SshKey Key(string id, string tenantId, string ownerId, string groupId) => new()
    {
        Id = id, Name = id, PublicKey = "ssh-ed25519 AAAA " + id, Fingerprint = "SHA256:" + id, TenantId = tenantId, OwnerId = ownerId, GroupId = groupId,
        CreatedAt = new DateTime(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc),
    };
}
