namespace CloudBroker.Contracts;

/// <summary>Command, sent through the outbox (a retry as a timer row): make attempt <paramref name="Attempt"/> of a webhook delivery.</summary>
public sealed record DeliverWebhook(string DeliveryId, int Attempt);
