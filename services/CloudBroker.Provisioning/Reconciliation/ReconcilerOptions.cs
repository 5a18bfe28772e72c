namespace CloudBroker.Provisioning.Reconciliation;

/// <summary>Settings under <c>CloudBroker:Reconciler</c> (the orphan policy is per provider: <c>Providers:&lt;id&gt;:OrphanPolicy</c>).</summary>
public sealed class ReconcilerOptions
{
    /// <summary>Whether this process runs scheduled reconciliations (on-demand runs are always possible).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Time between scheduled runs of every usable provider; zero turns the schedule off. A machine stopped, started or
    /// removed behind the broker's back is noticed within this (plus the run's own time), and its instance's move is
    /// stamped when it is noticed: the one minute default keeps running time, and what is billed from it, right to the minute.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a run holds its provider before another process may take over (a run of a dead process). A live run
    /// renews it every third of this, so runs may last longer.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long past its deadline an unfinished operation is left to its workflow before a run fails it.</summary>
    public TimeSpan StuckGrace { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a run waits for a turn of its provider's request budget (the workflow's calls spend it too); a later turn
    /// leaves the call to the next run: an inventory read not made fails the run, an orphan not destroyed is reported.
    /// </summary>
    public TimeSpan PacingPatience { get; set; } = TimeSpan.FromSeconds(30);
}
