namespace CloudBroker.Persistence.Outbox;

/// <summary>Settings under <c>CloudBroker:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    /// <summary>Longest sleep between looks at the table when nothing signals new rows.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows published per round trip.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long sent rows are kept (for diagnosis) before they are deleted.</summary>
    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(1);
}
