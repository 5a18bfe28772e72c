using CloudBroker.Persistence.Idempotency;
using CloudBroker.Persistence.Inbox;
using CloudBroker.Persistence.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Persistence;

/// <summary>
/// The one database context: every area's entities (named by <see cref="BrokerEntitiesOptionsExtensions.UseBrokerEntities"/>),
/// the outbox and inbox, idempotency keys and the installation row. Pooled: it holds no state beyond what EF resets.
/// </summary>
public sealed class BrokerDbContext(DbContextOptions<BrokerDbContext> options) : DbContext(options)
{
    private readonly IReadOnlyList<IEntityContributor> _contributors = options.FindExtension<BrokerEntitiesExtension>()?.Contributors ?? [];
    private long _commits;

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<Installation> Installations => Set<Installation>();

    /// <summary>
    /// How often work on this context committed, ever (<see cref="Transient.CommitCounter"/>): compare it before and
    /// after a piece of work to know whether that work committed anything. Kept across pooled uses; only differences count.
    /// </summary>
    public long Commits => Interlocked.Read(ref _commits);

    internal void CountCommit() => Interlocked.Increment(ref _commits);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new InstallationConfiguration());
        modelBuilder.ApplyConfiguration(new IdempotencyRecordConfiguration());
        modelBuilder.ApplyConfiguration(new InboxMessageConfiguration());
        foreach (var contributor in _contributors)
        {
            contributor.Configure(modelBuilder);
        }
    }
}
