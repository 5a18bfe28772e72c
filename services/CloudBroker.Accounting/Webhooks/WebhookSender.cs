using System.Text;

namespace CloudBroker.Accounting.Webhooks;

/// <summary>
/// Makes one attempt of a delivery through the one named client (<see cref="ClientName"/>): its connections are made
/// by the endpoint policy (link-local, metadata and own-host addresses refused also when a name resolves there later),
/// it follows no redirect (a 3xx is an answer that failed, so a receiver cannot send the body to another host), and it
/// has a timeout. Only a 2xx answer delivers.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider time)
{
    public const string ClientName = "cloudbroker-webhooks";

    public async Task<(int? StatusCode, string? Error)> SendAsync(Webhook webhook, WebhookDelivery delivery, ReadOnlyMemory<byte> secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(delivery);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Sign(secret.Span, time.GetUtcNow(), delivery.Body));
        request.Headers.TryAddWithoutValidation(WebhookSignature.EventHeader, delivery.EventType);
        request.Headers.TryAddWithoutValidation(WebhookSignature.DeliveryHeader, delivery.Id);
        var client = clients.CreateClient(ClientName);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var code = (int)response.StatusCode;
            return code is >= 200 and < 300 ? (code, null)
                : code is >= 300 and < 400 ? (code, "the receiver redirected; webhooks follow no redirect")
                : (code, "the receiver answered " + code);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {client.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.Message);
        }
    }
}
