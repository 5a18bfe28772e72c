namespace CloudBroker.Accounting.Webhooks;

/// <summary>
/// Where a tenant's alerts are sent: a URL the endpoint policy allows and the signing secret, sealed under the master
/// key (<see cref="WebhookSecrets"/>); the secret is shown once, at creation, and never read back through the API.
/// </summary>
public sealed class Webhook
{
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    public required string Url { get; init; }

    public string? Description { get; init; }

    /// <summary>The signing secret, sealed (AES-256-GCM) with the webhook's id as associated data.</summary>
    public required byte[] Secret { get; set; }

    /// <summary>The master key <see cref="Secret"/> is sealed under.</summary>
    public required string SecretKeyId { get; set; }

    public DateTime CreatedAt { get; init; }
}
