using System.Diagnostics;
using CloudBroker.Identity.Authentication;
using CloudBroker.Identity.Access;
using CloudBroker.Identity.ApiKeys;
using CloudBroker.Persistence;
using CloudBroker.Provisioning.Providers;
using CloudBroker.Testing.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CloudBroker.Hosting.Tests;

/// <summary>
/// On PostgreSQL a process holds one <c>LISTEN</c> connection, whatever its roles need to hear (the operations guide
/// sizes servers by it): the outbox, identity and provider channels all arrive on it. When that connection is cut the
/// process listens again and looks again at what it may have missed, long before its fallbacks (polls, cache lifetime)
/// would. The process here is the composition an operator runs (<c>api,worker</c>: every channel), minus HTTP.
/// </summary>
public sealed class NotificationHubTests : IAsyncLifetime
{
    private const string Outbox = "cloudbroker_outbox";
    private const string Identity = "cloudbroker_identity";
    private const string Providers = "cloudbroker_providers";
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"cb-notification-hub-{Guid.NewGuid():N}");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_process_listens_on_one_connection_and_hears_every_channel_on_it()
    {
        await using var database = await ScratchPostgresDatabase.CreateAsync("cb_host", Ct);
        using var process = await StartAsync(database);
        var listener = await TheListenerAsync(database);

        var cache = CacheWithKey(process);
        await NotifyAsync(database, Identity);
        await WaitAsync(() => !cache.TryGet("hash", out _), "the key cache was not cleared by a notification");

        var registry = process.Services.GetRequiredService<ProviderRegistry>();
        await WriteProviderAsync(process, "heard", "00:00:01");
        await NotifyAsync(database, Providers);
        await WaitAsync(() => registry.Find("heard") is { Stored.Version: 1 }, "the provider written was not opened on a notification");
        await WriteProviderAsync(process, "heard", "00:00:02");
        await NotifyAsync(database, Providers);
        await WaitAsync(() => registry.Find("heard") is { Stored.Version: 2 }, "the provider changed was not re-opened on a notification");

        var row = await AddOutboxRowAsync(database);
        await NotifyAsync(database, Outbox);
        await WaitAsync(() => IsSentAsync(database, row), "the dispatcher did not publish a row it was notified of");

        Assert.Equal(listener.Pid, (await TheListenerAsync(database)).Pid); // one connection heard all three channels
        await process.StopAsync(Ct);
    }

    [Fact]
    public async Task After_its_connection_is_cut_the_process_listens_again_and_looks_again_at_what_it_missed()
    {
        await using var database = await ScratchPostgresDatabase.CreateAsync("cb_host", Ct);
        using var process = await StartAsync(database);
        var before = await TheListenerAsync(database);
        var registry = process.Services.GetRequiredService<ProviderRegistry>();
        await WriteProviderAsync(process, "heard", "00:00:01");
        await NotifyAsync(database, Providers);
        await WaitAsync(() => registry.Find("heard") is not null, "the provider written was not opened on a notification");

        // The hub's look-again after its first connection and this notification may be two wake-ups, so a second round
        // can follow the one that opened "heard": let it pass, or it would see the change below that nobody announces.
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);

        // Changes nobody announces, as if their notifications were sent while the connection was down.
        await WriteProviderAsync(process, "missed", "00:00:01");
        var row = await AddOutboxRowAsync(database);
        await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);
        Assert.Null(registry.Find("missed")); // the fallbacks are ten minutes away
        Assert.False(await IsSentAsync(database, row));
        var cache = CacheWithKey(process);

        await ExecuteAsync(database, "SELECT pg_terminate_backend(@p)", before.Pid);

        await WaitAsync(() => registry.Find("missed") is not null, "the provider sync did not look again after the reconnection");
        await WaitAsync(() => IsSentAsync(database, row), "the dispatcher did not look again after the reconnection");
        await WaitAsync(() => !cache.TryGet("hash", out _), "the key cache was not cleared after the reconnection");
        var after = await TheListenerAsync(database);
        Assert.NotEqual(before.Pid, after.Pid);

        cache = CacheWithKey(process);
        await NotifyAsync(database, Identity);
        await WaitAsync(() => !cache.TryGet("hash", out _), "the new connection does not hear notifications");
        await process.StopAsync(Ct);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>An <c>api,worker</c> process on the database, started as the host starts it (migrating it first).</summary>
    private async Task<IHost> StartAsync(ScratchPostgresDatabase database)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CloudBroker:Database:Provider"] = "Postgres",
            ["CloudBroker:Database:ConnectionString"] = database.ConnectionString,
            ["CloudBroker:Database:MigrateOnStartup"] = "true",
            ["CloudBroker:DataDirectory"] = _data,
            ["CloudBroker:Providers:libvirt:Enabled"] = "false",
            // Far off, so that only a notification or the hub's look-again can make a change seen within a test.
            ["CloudBroker:Outbox:PollInterval"] = "00:10:00",
            ["CloudBroker:ProviderStore:PollInterval"] = "00:10:00",
        });
        builder.AddCloudBroker(BrokerHost.Api, []);
        var host = builder.Build();
        await host.StartAsync(Ct);
        return host;
    }

    /// <summary>The one backend of the database that ran <c>LISTEN</c>, once there is exactly one.</summary>
    private static async Task<(int Pid, string Query)> TheListenerAsync(ScratchPostgresDatabase database)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var connection = await OpenAsync(database);
            await using var query = new NpgsqlCommand(
                "SELECT pid, query FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()", connection);
            var listeners = new List<(int, string)>();
            await using (var reader = await query.ExecuteReaderAsync(Ct))
            {
                while (await reader.ReadAsync(Ct))
                {
                    listeners.Add((reader.GetInt32(0), reader.GetString(1)));
                }
            }

            if (listeners.Count == 1)
            {
                return listeners[0];
            }

            Assert.True(listeners.Count == 0 && clock.Elapsed < TimeSpan.FromSeconds(10),
                $"the process should hold one LISTEN connection; it holds {listeners.Count}: {string.Join(" | ", listeners)}");
            await Task.Delay(TimeSpan.FromMilliseconds(50), Ct);
        }
    }

    private static ApiKeyCache CacheWithKey(IHost process)
    {
        var cache = process.Services.GetRequiredService<ApiKeyCache>();
        cache.Add("hash", new VerifiedKey("key", "tenant", "user", Roles.Member, ["group"]));
        Assert.True(cache.TryGet("hash", out _));
        return cache;
    }

    /// <summary>A provider row written as another process's API would, without announcing it.</summary>
    private static async Task WriteProviderAsync(IHost process, string id, string bootDelay)
    {
        await using var scope = process.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var now = DateTime.UtcNow;
        var row = await db.Set<ProviderRecord>().FirstOrDefaultAsync(p => p.Id == id, Ct);
        if (row is null)
        {
            row = new ProviderRecord { Id = id, Driver = "mock", Settings = "{}", Enabled = true, CreatedAt = now, CreatedBy = "test", UpdatedBy = "test" };
            process.Services.GetRequiredService<ProviderCredentials>().Set(row, new Dictionary<string, string> { ["Username"] = "mockuser", ["Password"] = "mockpassword" }, now);
            db.Add(row);
        }

        row.Settings = $$"""{"BootDelay":"{{bootDelay}}"}""";
        row.Version++;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>An outbox row committed as another process would (an event nothing consumes), without notifying.</summary>
    private static async Task<long> AddOutboxRowAsync(ScratchPostgresDatabase database)
    {
        await using var connection = await OpenAsync(database);
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO outbox ("MessageType", "Body", "CreatedAt", "NotBefore") VALUES ('CloudBroker.Contracts.InstanceStateChanged',
              '{"instanceId":"i-1","tenantId":"t","ownerId":"o","providerId":"mock","fromState":"pending","toState":"running","cause":"test","occurredAt":"2026-01-01T00:00:00Z"}',
              now(), now()) RETURNING "Id"
            """, connection);
        return (long)(await insert.ExecuteScalarAsync(Ct))!;
    }

    private static async Task<bool> IsSentAsync(ScratchPostgresDatabase database, long row)
    {
        await using var connection = await OpenAsync(database);
        await using var query = new NpgsqlCommand("""SELECT "SentAt" IS NOT NULL FROM outbox WHERE "Id" = @id""", connection);
        query.Parameters.AddWithValue("id", row);
        return (bool)(await query.ExecuteScalarAsync(Ct))!;
    }

    private static Task NotifyAsync(ScratchPostgresDatabase database, string channel) =>
        ExecuteAsync(database, "SELECT pg_notify(@p, '')", channel);

    /// <summary>One statement with one parameter, <c>@p</c>.</summary>
    private static async Task ExecuteAsync(ScratchPostgresDatabase database, string sql, object argument)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", argument);
        await command.ExecuteNonQueryAsync(Ct);
    }

    /// <summary>A connection of the test's own, outside the process's pools.</summary>
    private static async Task<NpgsqlConnection> OpenAsync(ScratchPostgresDatabase database)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.AdminConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(Ct);
        return connection;
    }

    private static Task WaitAsync(Func<bool> condition, string failure) => WaitAsync(() => Task.FromResult(condition()), failure);

    private static async Task WaitAsync(Func<Task<bool>> condition, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), failure + " within 5 s");
            await Task.Delay(TimeSpan.FromMilliseconds(20), Ct);
        }
    }
}
