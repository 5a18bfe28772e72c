using System.Diagnostics;
using CloudBroker.Accounting;
using CloudBroker.Audit;
using CloudBroker.Drivers.Mock;
using CloudBroker.Identity;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Postgres;
using CloudBroker.Placement;
using CloudBroker.Provisioning;
using CloudBroker.Provisioning.Providers;
using CloudBroker.Quotas;
using CloudBroker.Secrets;
using CloudBroker.Testing.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Hosting.Tests;

/// <summary>
/// On PostgreSQL several processes open the same stored providers: a provider created, changed or deleted through
/// one must be opened, re-opened or closed in the others at once (NOTIFY), and within their check interval even when
/// no notification arrives.
/// </summary>
public sealed class ProviderChangeTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"cb-provider-changes-{Guid.NewGuid():N}");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_provider_written_by_one_process_is_opened_changed_and_closed_in_another_at_once()
    {
        await using var database = await ScratchPostgresDatabase.CreateAsync("cb_host", Ct);
        await using var first = await StartAsync(database.ConnectionString, notify: true, poll: TimeSpan.FromMinutes(10));
        await using var second = await StartAsync(database.ConnectionString, notify: true, poll: TimeSpan.FromMinutes(10));
        var theirs = second.GetRequiredService<ProviderRegistry>();
        await Task.Delay(TimeSpan.FromMilliseconds(300), Ct); // the listeners are up

        await WriteAsync(first, "shared", row => row.Settings = """{"BootDelay":"00:00:01"}""");
        var opened = await WaitAsync(() => theirs.Find("shared") is { Stored.Version: 1 });
        var provider = theirs.Find("shared")!;
        Assert.Equal(ProviderStatus.Available, provider.Status);
        Assert.Equal("mockpassword", provider.Settings!["Credentials:Password"]); // the same key file opens them here

        await WriteAsync(first, "shared", row => row.Settings = """{"BootDelay":"00:00:02"}""");
        var changed = await WaitAsync(() => theirs.Find("shared") is { Stored.Version: 2 });
        Assert.Equal("00:00:02", theirs.Find("shared")!.Settings!["BootDelay"]);
        Assert.NotSame(provider.Driver, theirs.Find("shared")!.Driver);

        await DeleteAsync(first, "shared");
        var closed = await WaitAsync(() => theirs.Find("shared") is null);
        TestContext.Current.SendDiagnosticMessage($"propagation: opened {opened.TotalMilliseconds:0} ms, changed {changed.TotalMilliseconds:0} ms, closed {closed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Without_a_notification_another_process_notices_at_its_next_check()
    {
        await using var database = await ScratchPostgresDatabase.CreateAsync("cb_host", Ct);
        await using var first = await StartAsync(database.ConnectionString, notify: false, poll: TimeSpan.FromMinutes(10));
        await using var second = await StartAsync(database.ConnectionString, notify: false, poll: TimeSpan.FromMilliseconds(200));

        await WriteAsync(first, "polled", _ => { });
        await WaitAsync(() => second.GetRequiredService<ProviderRegistry>().Find("polled") is not null);
        await DeleteAsync(first, "polled");
        await WaitAsync(() => second.GetRequiredService<ProviderRegistry>().Find("polled") is null);
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

    /// <summary>What the API does on a write: the row, this process re-opens it, the others are told.</summary>
    private static async Task WriteAsync(ServiceProvider process, string id, Action<ProviderRecord> change)
    {
        await using (var scope = process.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
            var now = DateTime.UtcNow;
            var row = await db.Set<ProviderRecord>().FirstOrDefaultAsync(p => p.Id == id, Ct);
            if (row is null)
            {
                row = new ProviderRecord { Id = id, Driver = "mock", Settings = "{}", Enabled = true, CreatedAt = now, CreatedBy = "test", UpdatedBy = "test" };
                process.GetRequiredService<ProviderCredentials>().Set(row, new Dictionary<string, string> { ["Username"] = "mockuser", ["Password"] = "mockpassword" }, now);
                db.Add(row);
            }

            change(row);
            row.Version++;
            row.UpdatedAt = now;
            await db.SaveChangesAsync(Ct);
            await process.GetRequiredService<ProviderSync>().RefreshAsync(id, db, Ct);
            await process.GetRequiredService<IProviderChanges>().AnnounceAsync(db, Ct);
        }
    }

    private static async Task DeleteAsync(ServiceProvider process, string id)
    {
        await using var scope = process.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        await db.Set<ProviderRecord>().Where(p => p.Id == id).ExecuteDeleteAsync(Ct);
        await process.GetRequiredService<ProviderSync>().RefreshAsync(id, db, Ct);
        await process.GetRequiredService<IProviderChanges>().AnnounceAsync(db, Ct);
    }

    private static async Task<TimeSpan> WaitAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), "the other process did not follow within 3 s");
            await Task.Delay(TimeSpan.FromMilliseconds(10), Ct);
        }

        return clock.Elapsed;
    }

    /// <summary>A small "process" on the shared database and data folder (so the same master key), started as the host starts it.</summary>
    private async Task<ServiceProvider> StartAsync(string connectionString, bool notify, TimeSpan poll)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CloudBroker:ProviderStore:PollInterval"] = poll.ToString(),
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IEntityContributor, IdentityEntities>();
        services.AddSingleton<IEntityContributor, AuditEntities>();
        services.AddBrokerPostgres(connectionString);
        if (notify)
        {
            services.AddPostgresProviderChanges();
        }

        services.AddProvisioning(configuration);
        services.AddQuotas(configuration);
        services.AddAccounting(configuration); // its tables are in the migration; Quotas prices through it
        services.AddPlacement(configuration); // its tables are in the migration too
        services.AddMockDriver();
        var process = services.BuildServiceProvider();
        await using (var scope = process.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BrokerDbContext>().Database.MigrateAsync(Ct);
        }

        process.GetRequiredService<SecretKeyRing>().Load(_data);
        process.GetRequiredService<ProviderRegistry>().Open(_data, "installation");
        await process.GetRequiredService<ProviderSync>().LoadAsync(Ct);
        await process.StartHostedAsync(Ct);
        return process;
    }
}
