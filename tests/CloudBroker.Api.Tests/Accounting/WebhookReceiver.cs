using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CloudBroker.Testing.Loopback;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>
/// A webhook receiver for a test, on real Kestrel at 127.0.0.1 (which the test's endpoint policy allows): it keeps
/// every request, and answers 503 to the first <see cref="FailuresPerDelivery"/> requests of each delivery id, 204 after.
/// It checks signatures the way the documentation tells a receiver to, written here from that text alone.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<Received> _requests = new();
    private readonly ConcurrentDictionary<string, int> _seen = new(StringComparer.Ordinal);
    private LoopbackServer? _server;

    private WebhookReceiver(int failuresPerDelivery) => FailuresPerDelivery = failuresPerDelivery;

    public int FailuresPerDelivery { get; }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<Received> Requests => [.. _requests];

    public static async Task<WebhookReceiver> StartAsync(int failuresPerDelivery, CancellationToken cancellationToken)
    {
        var receiver = new WebhookReceiver(failuresPerDelivery);
        receiver._server = await LoopbackServer.StartAsync(app => app.MapPost("/hooks/budget", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            var delivery = request.Headers["CloudBroker-Delivery"].ToString();
            var seen = receiver._seen.AddOrUpdate(delivery, 1, (_, n) => n + 1);
            var status = seen <= receiver.FailuresPerDelivery ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status204NoContent;
            receiver._requests.Enqueue(new Received(
                delivery, request.Headers["CloudBroker-Event"].ToString(), request.Headers["CloudBroker-Signature"].ToString(),
                request.ContentType, body, DateTimeOffset.UtcNow, status));
            return Results.StatusCode(status);
        }), cancellationToken);
        receiver.Url = new Uri(receiver._server.Address, "hooks/budget");
        return receiver;
    }

    /// <summary>
    /// Whether <paramref name="header"/> (<c>t=…,v1=…</c>) signs <paramref name="body"/> with <paramref name="secret"/>:
    /// HMAC-SHA256 keyed with the secret's UTF-8 bytes over <c>"&lt;t&gt;.&lt;body&gt;"</c>, hex, compared in constant
    /// time, and <c>t</c> within five minutes of <paramref name="receivedAt"/>.
    /// </summary>
    public static bool Verifies(string header, string body, string secret, DateTimeOffset receivedAt)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1) || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body));
        return Math.Abs((receivedAt - DateTimeOffset.FromUnixTimeSeconds(seconds)).TotalMinutes) <= 5
            && CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(v1));
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public sealed record Received(string DeliveryId, string Event, string Signature, string? ContentType, string Body, DateTimeOffset At, int Answer);
}
