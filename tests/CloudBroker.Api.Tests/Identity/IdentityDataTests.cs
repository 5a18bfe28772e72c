using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Identity;

/// <summary>
/// Memberships are never taken from a stale copy: deleting a group reaches every process's key cache at once, and a
/// create checks the group it is charged to inside the transaction that writes the machine.
/// </summary>
public sealed class IdentityDataTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private bool OnPostgres => factory.Settings()["CloudBroker:Database:Provider"] == "Postgres";

    [Fact]
    public async Task Deleting_a_group_reaches_every_processs_cached_memberships_at_once_and_no_machine_is_charged_to_it()
    {
        using var admin = factory.CreateAdminClient();
        var (_, group, key) = await MemberOfTwoGroupsAsync(admin);
        await using var second = OnPostgres ? new SecondProcessFactory(factory) : null;
        using var here = factory.WithKey(key);
        using var there = (second ?? factory).WithKey(key);
        Assert.Contains(group, await GroupsAsync(here)); // both caches now hold the membership
        Assert.Contains(group, await GroupsAsync(there));

        using (var deleted = await admin.DeleteAsync("/api/groups/" + group, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.DoesNotContain(group, await GroupsAsync(here));
        var clock = Stopwatch.StartNew(); // the other process hears NOTIFY cloudbroker_identity; its cache would keep the entry 10 s
        while ((await GroupsAsync(there)).Contains(group))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), "the other process still charges the deleted group");
            await Task.Delay(20, Ct);
        }

        foreach (var client in new[] { here, there })
        {
            var name = UniqueName("charged");
            using var refused = await client.PostAsync(InstanceCalls.Request(name).Also("groupId", group));
            await ExpectFieldErrorAsync(refused, "/groupId");
            using var list = await admin.GetAsync($"/api/instances?name={name}", Ct);
            Assert.Empty((await ExpectJsonAsync(list, HttpStatusCode.OK))["items"]!.AsArray());
        }
    }

    [Fact]
    public async Task A_create_checks_its_group_in_the_accepting_transaction_not_in_the_callers_cached_claims()
    {
        using var admin = factory.CreateAdminClient();
        var (_, group, key) = await MemberOfTwoGroupsAsync(admin);
        using var member = factory.WithKey(key);
        var userId = (string)(await MeAsync(member))["userId"]!;
        Assert.Contains(group, await GroupsAsync(member)); // cached with the membership

        // Another process removed the membership and its notification was lost: only the database knows.
        await using (var connection = await OpenDatabaseAsync())
        {
            await ExecuteAsync(connection, null, """DELETE FROM group_members WHERE "GroupId" = @group AND "UserId" = @user""", ("group", group), ("user", userId));
        }

        Assert.Contains(group, await GroupsAsync(member)); // the cache still says so
        var name = UniqueName("stale");
        using var refused = await member.PostAsync(InstanceCalls.Request(name).Also("groupId", group));
        Assert.Contains("no longer", (string?)(await ExpectFieldErrorAsync(refused, "/groupId"))["detail"], StringComparison.Ordinal);
        using var list = await admin.GetAsync($"/api/instances?name={name}", Ct);
        Assert.Empty((await ExpectJsonAsync(list, HttpStatusCode.OK))["items"]!.AsArray());

        await member.CreateAsync(InstanceCalls.Request(UniqueName("default-group"))); // the default group still charges
    }

    [Fact]
    public async Task A_create_waiting_for_a_group_delete_in_flight_is_refused_when_the_delete_commits()
    {
        using var admin = factory.CreateAdminClient();
        var (_, group, key) = await MemberOfTwoGroupsAsync(admin);
        using var member = factory.WithKey(key);
        Assert.Contains(group, await GroupsAsync(member));

        await using var connection = await OpenDatabaseAsync();
        await using var delete = await connection.BeginTransactionAsync(Ct); // SQLite: BEGIN IMMEDIATE, the write lock
        if (OnPostgres)
        {
            await ExecuteAsync(connection, delete, """SELECT "Id" FROM groups WHERE "Id" = @group FOR UPDATE""", ("group", group));
        }

        await ExecuteAsync(connection, delete, """DELETE FROM group_members WHERE "GroupId" = @group""", ("group", group));
        await ExecuteAsync(connection, delete, """DELETE FROM groups WHERE "Id" = @group""", ("group", group));

        var name = UniqueName("racing");
        var create = member.PostAsync(InstanceCalls.Request(name).Also("groupId", group));
        await WaitUntilBlockedAsync(create);
        await delete.CommitAsync(Ct);

        using var refused = await create;
        await ExpectFieldErrorAsync(refused, "/groupId");
        using var list = await admin.GetAsync($"/api/instances?name={name}", Ct);
        Assert.Empty((await ExpectJsonAsync(list, HttpStatusCode.OK))["items"]!.AsArray());
    }

    /// <summary>A new tenant, a second group in it and a member of both (default first), with the member's key.</summary>
    private static async Task<(string Tenant, string Group, string Key)> MemberOfTwoGroupsAsync(HttpClient admin)
    {
        var tenant = await admin.CreateTenantAsync(UniqueName("t"));
        var defaultGroup = await admin.DefaultGroupAsync(tenant);
        var group = (string)(await admin.PostAsync("/api/groups", new JsonObject { ["name"] = "project", ["tenantId"] = tenant })).Body["id"]!;
        var user = await admin.CreateUserAsync(tenant, UniqueName("u"), ["member"], defaultGroup, group);
        return (tenant, group, await admin.IssueKeyAsync(user));
    }

    private static async Task<JsonObject> MeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/me", Ct);
        return await ExpectJsonAsync(response, HttpStatusCode.OK);
    }

    private static async Task<string[]> GroupsAsync(HttpClient client) => Strings((await MeAsync(client))["groupIds"]);

    /// <summary>
    /// Waits until the create is held by the open delete: on PostgreSQL until a session waits for a row lock; on
    /// SQLite (whose wait is inside its busy handler, out of sight) for a second. Either way, the create has not answered.
    /// </summary>
    private async Task WaitUntilBlockedAsync(Task<HttpResponseMessage> create)
    {
        var clock = Stopwatch.StartNew();
        if (!OnPostgres)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        }
        else
        {
            await using var observer = new NpgsqlConnection(factory.Settings()["CloudBroker:Database:ConnectionString"]);
            await observer.OpenAsync(Ct);
            while (true)
            {
                await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", observer);
                if ((long)(await waiting.ExecuteScalarAsync(Ct))! > 0)
                {
                    break;
                }

                Assert.True(clock.Elapsed < InstanceCalls.Timeout, "the create never waited for the group's row lock");
                await Task.Delay(20, Ct);
            }
        }

        Assert.False(create.IsCompleted, "the create answered while the group's delete was still open");
    }

    private async Task<DbConnection> OpenDatabaseAsync()
    {
        DbConnection connection = OnPostgres
            ? new NpgsqlConnection(factory.Settings()["CloudBroker:Database:ConnectionString"])
            : new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "cloudbroker.db")};Pooling=False");
        await connection.OpenAsync(Ct);
        return connection;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, string Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync(Ct);
    }
}
