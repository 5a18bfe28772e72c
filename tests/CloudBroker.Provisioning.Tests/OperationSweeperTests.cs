using CloudBroker.Accounting;
using CloudBroker.Audit;
using CloudBroker.Identity;
using CloudBroker.Persistence;
using CloudBroker.Provisioning.Operations;
using CloudBroker.Provisioning.Workflow;
using CloudBroker.Quotas;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Provisioning.Tests;

/// <summary>A real background loop on its guard: the operation sweeper goes on sweeping after rounds that failed.</summary>
public sealed class OperationSweeperTests : IAsyncDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"cb-sweeper-{Guid.NewGuid():N}.db");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sweeper_whose_rounds_failed_goes_on_and_re_drives_a_lost_operation_at_its_next_tick()
    {
        using var logs = new RecordingLogs();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs))
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IEntityContributor, ProvisioningEntities>()
            .AddSingleton<IEntityContributor, IdentityEntities>()
            .AddSingleton<IEntityContributor, AuditEntities>()
            .AddSingleton<IEntityContributor, QuotasEntities>()
            .AddSingleton<IEntityContributor, AccountingEntities>()
            .AddSingleton<IEntityContributor, CloudBroker.Placement.PlacementEntities>()
            .Configure<ProvisioningOptions>(o => o.SweepInterval = TimeSpan.FromMilliseconds(100))
            .AddBrokerSqlite($"Data Source={_file};Pooling=false")
            .AddOperationSweeper();
        await using var process = services.BuildServiceProvider();
        var sweeper = process.GetRequiredService<OperationSweeper>();

        // The database has no schema yet: every round fails until it has.
        await sweeper.StartAsync(Ct);
        var failed = await logs.NextAsync("OperationSweeper: a round failed", Ct);
        Assert.Equal(LogLevel.Error, failed.Level);
        Assert.Contains("no such table", failed.Exception?.Message, StringComparison.Ordinal);

        var operationId = Guid.CreateVersion7().ToString();
        await using (var scope = process.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
            await db.Database.MigrateAsync(Ct);
            db.Add(LostOperation(operationId));
            await db.SaveChangesAsync(Ct);
        }

        var redriven = await logs.NextAsync($"Operation {operationId} lost its next step; re-driven", Ct);
        await sweeper.StopAsync(Ct);
        Assert.Equal(LogLevel.Warning, redriven.Level);
        Assert.True(sweeper.ExecuteTask!.IsCompletedSuccessfully);
        await using (var scope = process.CreateAsyncScope())
        {
            var operation = await scope.ServiceProvider.GetRequiredService<BrokerDbContext>().Set<Operation>().AsNoTracking().SingleAsync(Ct);
            Assert.Contains(operation.Steps, s => s.Name == "swept");
            Assert.True(operation.LeaseUntil > DateTime.UtcNow);
        }
    }

    public ValueTask DisposeAsync()
    {
        File.Delete(_file);
        return ValueTask.CompletedTask;
    }

    /// <summary>An accepted create whose message died with a process: no outbox row, its lease expired.</summary>
    private static Operation LostOperation(string id)
    {
        var now = DateTime.UtcNow;
        return new Operation
        {
            Id = id, Kind = OperationKind.Create, Status = OperationStatus.Pending, TargetId = Guid.CreateVersion7().ToString(),
            TenantId = "system", OwnerId = "admin", GroupId = "system", CreatedAt = now, UpdatedAt = now,
            Deadline = now.AddMinutes(5), LeaseUntil = now.AddSeconds(-1),
        };
    }
}
