namespace CloudBroker.Provisioning;

/// <summary>Settings under <c>CloudBroker:Provisioning</c>.</summary>
public sealed class ProvisioningOptions
{
    /// <summary>How long to wait before looking at the provider again while an operation is in progress.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long start, stop, reboot and destroy may take before they fail: also how long they wait out an unreachable
    /// provider (10 minutes covers a daemon restart or a package upgrade).
    /// </summary>
    public TimeSpan ActionTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Provider calls per operation before a transient error becomes final. An unreachable provider
    /// (<c>Unavailable</c>, <c>Timeout</c>) is not counted: its calls are retried until the operation's deadline.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First retry delay; doubled per attempt, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan CatalogRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long past its next scheduled step an unfinished operation is trusted to progress on its own;
    /// after that the sweeper re-drives it (its message was lost with a process).
    /// </summary>
    public TimeSpan LeaseLength { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the sweeper looks for operations whose lease expired.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);
}
