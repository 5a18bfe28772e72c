namespace CloudBroker.Api.Models;

/// <summary>One event sent to a webhook: <c>pending</c> (the next attempt at <c>nextAttemptAt</c>), <c>delivered</c> or <c>failed</c>, and every attempt made.</summary>
public sealed record WebhookDeliveryModel(
    string Id, string WebhookId, string EventType, string EventId, string Status, DateTime CreatedAt, DateTime? NextAttemptAt,
    DateTime? DeliveredAt, IReadOnlyList<WebhookAttemptModel> Attempts);
