namespace CloudBroker.Persistence.Saving;

/// <summary>
/// A named step of every save of the one context, run by <see cref="BrokerDbContext"/>'s save path itself, so no caller
/// can save around it and nothing it needs is kept between callbacks. It sees the unit of work before EF writes it and
/// may run statements of its own in the save's transaction, after EF's rows and before the commit (the quota counters
/// are one: <c>CloudBroker.Quotas.QuotaSaveStep</c>). A save the step has nothing for costs one scan of the tracked entries.
/// </summary>
public interface ISaveStep
{
    /// <summary>Whether this save has anything for the step: a look at the tracked entries, without change detection.</summary>
    bool Concerns(BrokerDbContext db);

    /// <summary>
    /// Runs before EF writes (the unit of work may still change) and returns what must run after EF wrote the save's rows
    /// and before the commit, or <c>null</c> when nothing must (then the save needs no transaction for the step).
    /// </summary>
    Task<BeforeCommit?> PrepareAsync(BrokerDbContext db, CancellationToken cancellationToken);
}
