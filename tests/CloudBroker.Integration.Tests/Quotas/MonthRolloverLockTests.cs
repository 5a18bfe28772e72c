using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudBroker.Integration.Tests.ScaleOut;
using Npgsql;

namespace CloudBroker.Integration.Tests.Quotas;

/// <summary>
/// The month rollover of the quota counters on PostgreSQL (a scope's first save of a month sums its ledger under the
/// counters' row locks). It used to rewrite the ledger lines of older months while holding those locks, against the lock
/// order every other transaction keeps (ledger lines first, counters last): a workflow step settling such a line and a
/// create rolling the month deadlocked, and the create answered 500. Now the rollover only reads the ledger; and a
/// deadlock that happens anyway (forced here from outside) is run again and accepted once.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class MonthRolloverLockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task A_rollover_does_not_wait_for_ledger_lines_another_transaction_holds()
    {
        var folder = ScenarioFolder.Create("rollover-lines", 1);
        await using (var broker = await PostgresBroker.StartAsync(folder, new Dictionary<string, string>(), TestContext.Current.CancellationToken))
        {
            var (tenant, member) = await TenantAsync(broker, "lines");
            var running = await CreateRunningAsync(member);
            await PretendLastMonthAsync(broker, tenant);

            // A concurrent transaction holds the running machine's ledger lines, as a workflow step settling them does
            // before it updates the counters.
            await using var settling = await broker.Admin.OpenConnectionAsync(Ct);
            await using var transaction = await settling.BeginTransactionAsync(Ct);
            await ExecuteAsync(settling, """UPDATE quota_reservations SET "UpdatedAt" = "UpdatedAt" WHERE "InstanceId" = @id""", ("id", running));

            var clock = Stopwatch.StartNew();
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            waiting.CancelAfter(TimeSpan.FromSeconds(15));
            HttpStatusCode status;
            string body;
            try
            {
                (status, body) = await CreateAsync(member, key: null, waiting.Token);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException("the month rollover waited 15 s for ledger lines another transaction held (a deadlock as soon as that transaction wants the counters)");
            }

            Assert.True(status == HttpStatusCode.Accepted, $"{(int)status}: {body}");
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5)); // it did not wait for the held lines

            // The concurrent transaction goes on to the counters (the rollover committed, so no deadlock) and commits.
            await ExecuteAsync(settling, """UPDATE quotas SET "Version" = "Version" WHERE "Scope" = 'tenant' AND "ScopeId" = @id""", ("id", tenant));
            await transaction.CommitAsync(Ct);

            // The new month counts the machine alive when it began at the full month, the new one from its creation on.
            var budget = (await member.UsageAsync("tenant", tenant, Ct))["budget"]!.AsObject();
            var now = DateTime.UtcNow;
            var monthStart = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            var fullMonth = PostgresBroker.HourlyPrice * (decimal)(monthStart.AddMonths(1) - monthStart).TotalHours;
            var restOfMonth = PostgresBroker.HourlyPrice * (decimal)(monthStart.AddMonths(1) - now).TotalHours;
            Assert.Equal(now.ToString("yyyy-MM", CultureInfo.InvariantCulture), (string?)budget["period"]);
            Assert.InRange(Money(budget["used"]) + Money(budget["reserved"]), fullMonth + restOfMonth - 0.05m, fullMonth + restOfMonth + 0.05m);
        }

        folder.Passed();
    }

    [Fact(Timeout = 120_000)]
    public async Task A_deadlock_forced_on_a_rollover_is_run_again_and_the_create_accepted_once()
    {
        var folder = ScenarioFolder.Create("rollover-deadlock", 1);
        await using (var broker = await PostgresBroker.StartAsync(folder, new Dictionary<string, string>(), TestContext.Current.CancellationToken, TimeSpan.FromSeconds(2)))
        {
            var (tenant, member) = await TenantAsync(broker, "deadlock");
            await CreateRunningAsync(member); // the tenant's and the provider's counter rows exist
            await RatedAsync(broker, tenant);

            await PretendLastMonthAsync(broker, tenant);
            var (status, body) = await CreateCrossingAsync(broker, member, tenant, key: null);
            Assert.True(status == HttpStatusCode.Accepted, $"{(int)status}: {body}");
            await WaitRunningAsync(member, (string)JsonNode.Parse(body)!["targetId"]!); // its workflow is done with the counters
            await RatedAsync(broker, tenant);

            await PretendLastMonthAsync(broker, tenant);
            var key = Guid.NewGuid().ToString();
            var (keyedStatus, keyedBody) = await CreateCrossingAsync(broker, member, tenant, key);
            Assert.True(keyedStatus == HttpStatusCode.Accepted, $"{(int)keyedStatus}: {keyedBody}");
            using (var replay = await SendCreateAsync(member, key, Ct))
            {
                Assert.Equal("true", Assert.Single(replay.Headers.GetValues("Idempotent-Replayed")));
                Assert.Equal((string?)JsonNode.Parse(keyedBody)!["id"], (string?)(await replay.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]);
            }

            // Two deadlocks, each answered by running the create again: three machines, counted once each. (The rating run,
            // woken as the machines run, takes the same counter rows in lock order: each crossing waits until it has rated
            // the last change, so the transaction the test deadlocks with is the create's; a later run caught in the
            // test's out-of-order locks could cost a create one more run, never a count.)
            var log = broker.Log();
            Assert.InRange(CountOf(log, "lost a race in the database"), 2, 4);
            Assert.Contains("deadlock detected", log, StringComparison.Ordinal);
            Assert.Equal(3, await CountAsync(broker, """SELECT count(*) FROM instances WHERE "TenantId" = @id""", tenant));
            var instances = (await member.UsageAsync("tenant", tenant, Ct))["instances"]!;
            Assert.Equal(3, (long)instances["used"]! + (long)instances["reserved"]!);
        }

        folder.Passed();
    }

    /// <summary>
    /// Sends a create while a concurrent transaction holds the provider's counter row; once the create waits for it (holding
    /// the tenant's, group's and user's rows, taken first), that transaction asks for the tenant's row: a deadlock, which
    /// PostgreSQL resolves by aborting the create's transaction (the broker's sessions check first). Returns the answer.
    /// </summary>
    private static async Task<(HttpStatusCode Status, string Body)> CreateCrossingAsync(PostgresBroker broker, HttpClient member, string tenant, string? key)
    {
        await using var crossing = await broker.Admin.OpenConnectionAsync(Ct);
        await using var transaction = await crossing.BeginTransactionAsync(Ct);
        await ExecuteAsync(crossing, "SET LOCAL deadlock_timeout = '60s'");
        await ExecuteAsync(crossing, """SELECT 1 FROM quotas WHERE "Scope" = 'provider' AND "ScopeId" = @id FOR UPDATE""", ("id", MockCloudSettings.ProviderId));

        var create = CreateAsync(member, key, Ct);
        var clock = Stopwatch.StartNew();
        while (await broker.WaitingForLocksAsync(Ct) == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the create never waited for the provider's counter row");
            Assert.False(create.IsCompleted, "the create finished without waiting for the provider's counter row");
            await Task.Delay(20, Ct);
        }

        try
        {
            await ExecuteAsync(crossing, """SELECT 1 FROM quotas WHERE "Scope" = 'tenant' AND "ScopeId" = @id FOR UPDATE""", ("id", tenant));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected)
        {
            Assert.Fail("PostgreSQL aborted the test's transaction, not the broker's: the forced deadlock proves nothing");
        }

        await transaction.RollbackAsync(Ct);
        return await create;
    }

    private static async Task<(string Tenant, HttpClient Member)> TenantAsync(PostgresBroker broker, string name)
    {
        var tenant = await broker.Client.CreateTenantAsync(name, Ct);
        var group = await broker.Client.CreateGroupAsync(tenant, "team", Ct);
        var (_, key) = await broker.Client.CreateMemberAsync(tenant, group, "member", Ct);
        return (tenant, broker.Client.As(key));
    }

    private static async Task<string> CreateRunningAsync(HttpClient member)
    {
        var (status, body) = await CreateAsync(member, key: null, Ct);
        Assert.True(status == HttpStatusCode.Accepted, $"{(int)status}: {body}");
        var id = (string)JsonNode.Parse(body)!["targetId"]!;
        await WaitRunningAsync(member, id);
        return id;
    }

    private static async Task WaitRunningAsync(HttpClient member, string id)
    {
        var clock = Stopwatch.StartNew();
        while ((string?)(await member.SendAsync(HttpMethod.Get, "/api/instances/" + id, null, HttpStatusCode.OK, Ct))["state"] != "running")
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"instance {id} did not run within 20 s");
            await Task.Delay(50, Ct);
        }
    }

    /// <summary>Moves the tenant's counters and ledger into January 2000 with stale budgets, as if the month had turned since.</summary>
    private static async Task PretendLastMonthAsync(PostgresBroker broker, string tenant)
    {
        await using var connection = await broker.Admin.OpenConnectionAsync(Ct);
        await ExecuteAsync(connection, """UPDATE quota_reservations SET "Period" = '2000-01', "BudgetMicros" = 123 WHERE "TenantId" = @id""", ("id", tenant));
        await ExecuteAsync(connection, """UPDATE quotas SET "Period" = '2000-01', "BudgetUsed" = 999999 WHERE "TenantId" = @id""", ("id", tenant));
    }

    private static async Task<(HttpStatusCode Status, string Body)> CreateAsync(HttpClient member, string? key, CancellationToken cancellationToken)
    {
        using var response = await SendCreateAsync(member, key, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private static async Task<HttpResponseMessage> SendCreateAsync(HttpClient member, string? key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances")
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["name"] = "roll-" + (key?[..8] ?? Guid.NewGuid().ToString("N")[..8]),
                ["providerId"] = MockCloudSettings.ProviderId,
                ["imageId"] = "debian-12",
                ["hardwareProfileId"] = "m1-small",
            }),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await member.SendAsync(request, cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(Ct);
    }

    /// <summary>Waits until the rating run has rated the tenant's last change (its last act is to move the watermark).</summary>
    private static async Task RatedAsync(PostgresBroker broker, string tenant)
    {
        var clock = Stopwatch.StartNew();
        while (await CountAsync(broker, """SELECT count(*) FROM rating_watermark WHERE "RatedTo" >= (SELECT max("At") FROM instance_events WHERE "TenantId" = @id)""", tenant) == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the rating run did not rate the tenant's last change within 30 s");
            await Task.Delay(50, Ct);
        }
    }

    private static async Task<long> CountAsync(PostgresBroker broker, string sql, string id)
    {
        await using var command = broker.Admin.CreateCommand(sql);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;

    private static decimal Money(JsonNode? node) => decimal.Parse((string)node!, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}
