namespace CloudBroker.Persistence.Outbox;

/// <summary>Settings under <c>CloudBroker:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    /// <summary>Longest sleep between looks at the table when nothing signals new rows.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows published per round trip.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a dispatcher holds the rows it is publishing before another may take them.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a batch may wait for the bus to take its messages before the rest are released for a retry.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long sent rows (and the inbox's record of handled messages) are kept (for diagnosis) before they are deleted.</summary>
    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(1);
}
