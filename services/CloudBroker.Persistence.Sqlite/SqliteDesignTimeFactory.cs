using CloudBroker.Placement;
using CloudBroker.Accounting;
using CloudBroker.Audit;
using CloudBroker.Identity;
using CloudBroker.Provisioning;
using CloudBroker.Quotas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CloudBroker.Persistence.Sqlite;

/// <summary>
/// Lets <c>dotnet ef migrations add X --project services/CloudBroker.Persistence.Sqlite</c> build the
/// model with every area's part, exactly as the running broker does.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<BrokerDbContext>
{
    public BrokerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BrokerDbContext>()
                .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(PersistenceServiceCollectionExtensions.SqliteMigrationsAssembly))
                .UseBrokerEntities([new ProvisioningEntities(), new IdentityEntities(), new AuditEntities(), new QuotasEntities(), new AccountingEntities(), new PlacementEntities()])
                .Options);
}
