using CloudBroker.Persistence.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Persistence;

/// <summary>The one database context: every area's entities, the outbox and the installation row.</summary>
public sealed class BrokerDbContext(DbContextOptions<BrokerDbContext> options, IEnumerable<IModelContributor> contributors)
    : DbContext(options)
{
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<Installation> Installations => Set<Installation>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new InstallationConfiguration());
        foreach (var contributor in contributors)
        {
            contributor.Configure(modelBuilder);
        }
    }
}
