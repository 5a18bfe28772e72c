namespace CloudBroker.Api.Models;

/// <summary>
/// A new webhook: the only answer that ever carries its signing <c>secret</c> (store it now; it is kept sealed and never
/// returned). Deliveries carry <c>CloudBroker-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;body&gt;"&gt;</c>.
/// </summary>
public sealed record CreatedWebhookModel(string Id, string TenantId, string Url, string? Description, string Secret, DateTime CreatedAt);
