using CloudBroker.Persistence.Idempotency;
using CloudBroker.Persistence.Inbox;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Persistence.Saving;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Persistence;

/// <summary>
/// The one database context: every area's entities (named by <see cref="BrokerEntitiesOptionsExtensions.UseBrokerEntities"/>),
/// the outbox and inbox, idempotency keys and the installation row. Every save runs the areas' save steps
/// (<see cref="ISaveStep"/>: the quota counters). Pooled: it holds no state beyond what EF resets.
/// </summary>
public sealed class BrokerDbContext(DbContextOptions<BrokerDbContext> options) : DbContext(options)
{
    private readonly IReadOnlyList<IEntityContributor> _contributors = options.FindExtension<BrokerEntitiesExtension>()?.Contributors ?? [];
    private readonly IReadOnlyList<ISaveStep> _steps = options.FindExtension<SaveStepsExtension>()?.Steps ?? [];
    private long _commits;

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<Installation> Installations => Set<Installation>();

    /// <summary>
    /// How often work on this context committed, ever (<see cref="Transient.CommitCounter"/>): compare it before and
    /// after a piece of work to know whether that work committed anything. Kept across pooled uses; only differences count.
    /// </summary>
    public long Commits => Interlocked.Read(ref _commits);

    internal void CountCommit() => Interlocked.Increment(ref _commits);

    /// <summary>
    /// Saves through the save steps: each prepares before EF writes; what they return runs after EF's rows and before the
    /// commit, in the save's transaction (opened here when the caller has none), so a step that refuses (a quota
    /// exceeded) rolls the whole save back. A save no step has anything for is EF's own, with no transaction added.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var beforeCommit = await PrepareStepsAsync(cancellationToken);
        if (beforeCommit is null)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var owned = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;

        // The steps read the entries as EF wrote them (states and original values), so changes are accepted after the commit.
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false; // EF just detected every change: nothing changed since
        try
        {
            foreach (var step in beforeCommit)
            {
                await step(cancellationToken);
            }
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        if (owned is not null)
        {
            await owned.CommitAsync(cancellationToken);
        }

        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }

        return written;
    }

    /// <summary>Saves without steps: a save that a step has anything for must be asynchronous (its statements are).</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        _steps.FirstOrDefault(step => step.Concerns(this)) is { } step
            ? throw new InvalidOperationException($"this save has work for the save step {step.GetType().Name}, which runs statements of its own: use SaveChangesAsync")
            : base.SaveChanges(acceptAllChangesOnSuccess);

    /// <summary>What the steps must run before the commit, or <c>null</c> when none must (the common case).</summary>
    private async Task<List<BeforeCommit>?> PrepareStepsAsync(CancellationToken cancellationToken)
    {
        if (_steps.Count == 0)
        {
            return null;
        }

        // The steps look at the entries as they stand; EF detects the changes once, when it writes.
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            List<BeforeCommit>? beforeCommit = null;
            foreach (var step in _steps)
            {
                if (step.Concerns(this) && await step.PrepareAsync(this, cancellationToken) is { } work)
                {
                    (beforeCommit ??= []).Add(work);
                }
            }

            return beforeCommit;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

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
