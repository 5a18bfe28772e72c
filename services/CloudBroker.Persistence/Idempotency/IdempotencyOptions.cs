namespace CloudBroker.Persistence.Idempotency;

/// <summary>Settings under <c>CloudBroker:Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const int MaxKeyLength = 255;

    /// <summary>How long a key and its response are kept (at least 24 hours).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long an in-flight claim is honoured before another request may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);
}
