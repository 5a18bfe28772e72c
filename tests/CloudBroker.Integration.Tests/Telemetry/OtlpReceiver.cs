using System.Collections.Concurrent;
using CloudBroker.Testing.Loopback;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CloudBroker.Integration.Tests.Telemetry;

/// <summary>
/// An OTLP/HTTP collector for a test: brokers started with <c>CloudBroker__Telemetry__Otlp__Endpoint</c> at
/// <see cref="Endpoint"/> (protocol <c>http/protobuf</c>) post their spans here; metrics and logs are taken and dropped.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<OtlpSpan> _spans = new();
    private LoopbackServer? _server;

    public Uri Endpoint => _server!.Address;

    public IReadOnlyList<OtlpSpan> Spans => [.. _spans];

    public static async Task<OtlpReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var receiver = new OtlpReceiver();
        receiver._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v1/traces", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
                foreach (var span in OtlpTraceReader.Read(body.ToArray()))
                {
                    receiver._spans.Enqueue(span);
                }

                return Results.Bytes([], "application/x-protobuf"); // an empty ExportTraceServiceResponse: all taken
            });
            app.MapPost("/v1/metrics", () => Results.Bytes([], "application/x-protobuf"));
            app.MapPost("/v1/logs", () => Results.Bytes([], "application/x-protobuf"));
        }, cancellationToken);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
