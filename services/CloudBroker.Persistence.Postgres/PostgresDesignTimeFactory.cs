using CloudBroker.Placement;
using CloudBroker.Accounting;
using CloudBroker.Audit;
using CloudBroker.Identity;
using CloudBroker.Provisioning;
using CloudBroker.Quotas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CloudBroker.Persistence.Postgres;

/// <summary>
/// Lets <c>dotnet ef migrations add X --project services/CloudBroker.Persistence.Postgres</c> build the
/// model with every area's part, exactly as the running broker does (adding a migration needs no server).
/// </summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<BrokerDbContext>
{
    public BrokerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BrokerDbContext>()
                .UseNpgsql(
                    Environment.GetEnvironmentVariable("CloudBroker__Database__ConnectionString") ?? "Host=127.0.0.1;Database=cloudbroker_design",
                    o => o.MigrationsAssembly(PostgresServiceCollectionExtensions.MigrationsAssembly))
                .UseBrokerEntities([new ProvisioningEntities(), new IdentityEntities(), new AuditEntities(), new QuotasEntities(), new AccountingEntities(), new PlacementEntities(), new HistoryTransactionColumn()])
                .Options);
}
