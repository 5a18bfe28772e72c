namespace CloudBroker.Api.Http;

/// <summary>
/// Endpoint metadata: the answer carries a secret that is shown once and kept nowhere (an API key now; a webhook
/// secret or anything like it later declares the same with <see cref="SecretResponseExtensions.ReturnsSecret"/>).
/// <see cref="IdempotencyMiddleware"/> refuses an <c>Idempotency-Key</c> on such a request, since a replayable
/// answer would have to be stored, secret included; the answer is marked <c>Cache-Control: no-store</c>.
/// </summary>
internal sealed class SecretResponse
{
    public static readonly SecretResponse Instance = new();

    private SecretResponse()
    {
    }

    public static bool IsDeclaredBy(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<SecretResponse>() is not null;
}
