namespace CloudBroker.Api.Models;

/// <summary>One attempt of a delivery: when, the receiver's status code or why there was none, and when the next is due (none after the last).</summary>
public sealed record WebhookAttemptModel(int Number, DateTime At, int? StatusCode, string? Error, DateTime? NextAttemptAt);
