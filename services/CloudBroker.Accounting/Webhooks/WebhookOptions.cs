namespace CloudBroker.Accounting.Webhooks;

/// <summary><c>CloudBroker:Webhooks</c>: how deliveries are sent and retried.</summary>
public sealed class WebhookOptions
{
    public const string Section = "CloudBroker:Webhooks";

    /// <summary>How long one attempt may take, connection included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long connecting may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts before a delivery is <c>failed</c> (the first included).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The pause after the first failed attempt; each next pause doubles, up to <see cref="LongestRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan LongestRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The pause after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan RetryDelay(int attempt)
    {
        var doubled = FirstRetryDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30));
        return doubled >= LongestRetryDelay.Ticks ? LongestRetryDelay : TimeSpan.FromTicks((long)doubled);
    }
}
