namespace CloudBroker.Accounting.Webhooks;

/// <summary>One try of a delivery: when, what the receiver answered (its status code) or why nothing came back, and when the next try is due.</summary>
public sealed class WebhookAttempt
{
    public required string DeliveryId { get; init; }

    public int Number { get; init; }

    public DateTime At { get; init; }

    public int? StatusCode { get; init; }

    /// <summary>Why no answer counted (timeout, refused connection, refused address, redirect); never the body or a secret.</summary>
    public string? Error { get; init; }

    public DateTime? NextAttemptAt { get; init; }
}
