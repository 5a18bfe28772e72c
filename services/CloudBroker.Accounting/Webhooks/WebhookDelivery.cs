namespace CloudBroker.Accounting.Webhooks;

/// <summary>
/// One event sent to one webhook: the body is fixed when the event is raised, so every attempt sends the same bytes
/// (signed anew with the attempt's time). <see cref="Attempts"/> is the concurrency token: two copies of one attempt's
/// message cannot both record it.
/// </summary>
public sealed class WebhookDelivery
{
    public required string Id { get; init; }

    public required string WebhookId { get; init; }

    public required string TenantId { get; init; }

    /// <summary>The event's type, e.g. <c>budget.threshold-crossed</c> (<see cref="WebhookEvents"/>).</summary>
    public required string EventType { get; init; }

    /// <summary>The id of what the event is about (an alert's id): one delivery per webhook and event.</summary>
    public required string EventId { get; init; }

    /// <summary>The JSON body sent, byte for byte.</summary>
    public required string Body { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary><see cref="WebhookDeliveryStatuses"/>: pending, delivered or failed (every attempt used).</summary>
    public required string Status { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the next attempt is due (its timer row's time); <c>null</c> once delivered or failed.</summary>
    public DateTime? NextAttemptAt { get; set; }

    public DateTime? DeliveredAt { get; set; }

    public List<WebhookAttempt> AttemptLog { get; init; } = [];
}
