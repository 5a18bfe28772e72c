namespace CloudBroker.Api.Models;

/// <summary>A webhook; its secret is never shown again after <see cref="CreatedWebhookModel"/>.</summary>
public sealed record WebhookModel(string Id, string TenantId, string Url, string? Description, DateTime CreatedAt);
