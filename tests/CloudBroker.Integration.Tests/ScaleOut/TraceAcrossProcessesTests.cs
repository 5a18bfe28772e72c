using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudBroker.Integration.Tests.Telemetry;

namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>
/// One create is one trace across processes: an API-only process takes the POST and writes the outbox row, a worker
/// process publishes it (the row kept the request's trace context), consumes it and calls the provider. Both export over
/// OTLP to a receiver this test runs; the spans they sent join into one parent chain from the POST to the driver call.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class TraceAcrossProcessesTests
{
    private const int Server = 2, Client = 3, Producer = 4, Consumer = 5;

    [Fact(Timeout = 180_000)]
    public async Task A_create_is_one_trace_from_the_api_process_to_the_provider_call_in_the_worker()
    {
        var services = ScaleOutServices.FromEnvironment();
        var ct = TestContext.Current.CancellationToken;
        var folder = ScenarioFolder.Create("trace", 1);
        await using var receiver = await OtlpReceiver.StartAsync(ct);
        var environment = BrokerEnvironment.Create(folder.Path, MockCloudSettings.Reader(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100)), fastRecovery: false);
        environment["CloudBroker__Telemetry__Otlp__Endpoint"] = receiver.Endpoint.ToString();
        environment["CloudBroker__Telemetry__Otlp__Protocol"] = "http/protobuf";
        environment["OTEL_BSP_SCHEDULE_DELAY"] = "200"; // export spans within a fraction of a second, not 5 s
        environment["CloudBroker__Telemetry__Prometheus__Enabled"] = "true";

        var trace = ActivityTraceId.CreateRandom().ToHexString();
        await using (var cluster = await ScaleOutCluster.StartAsync(services, folder.Path, environment, apis: 1, workers: 1, folder.Log, ct))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances")
            {
                Content = JsonContent.Create(new JsonObject
                {
                    ["name"] = "traced-1",
                    ["providerId"] = MockCloudSettings.ProviderId,
                    ["imageId"] = "debian-12",
                    ["hardwareProfileId"] = "m1-small",
                }),
            };
            request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            using var response = await cluster.Api(0).SendAsync(request, ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

            var chain = await ChainAsync(receiver, trace, ct);
            var described = string.Join(" <- ", chain.Select(s => $"{s.Service}/{s.Scope}:{s.Kind}:{s.Name}"));
            folder.Log.Say("trace chain: " + described);

            Assert.Equal("CreateInstance", chain[0].Name);
            Assert.Equal(MockCloudSettings.ProviderId, chain[0].Attributes.GetValueOrDefault("cloudbroker.provider"));
            Assert.Equal("cloudbroker-worker", chain[0].Service);
            Assert.Contains(chain, s => s.Service == "cloudbroker-worker" && s.Scope == "MassTransit" && s.Kind == Consumer);
            Assert.Contains(chain, s => s.Service == "cloudbroker-worker" && s.Scope == "MassTransit" && s.Kind == Producer);
            Assert.Contains(chain, s => s.Service == "cloudbroker-worker" && s.Scope == "CloudBroker.Outbox" && s.Name == "outbox publish");
            Assert.Equal("cloudbroker-api", chain[^1].Service);
            Assert.Equal(Server, chain[^1].Kind);
            Assert.Equal(Client, chain[0].Kind);

            // The worker measures the bus's queues, as RabbitMQ counts them.
            Assert.Matches("""cloudbroker_bus_queue_messages\{[^}]*messaging_destination_name="ExecuteOperation"[^}]*\} \d+""", await QueueDepthPageAsync(cluster.Worker(0), ct));
        }

        folder.Passed();
    }

    /// <summary>The worker's <c>/metrics</c> once it holds the queue depth (its first collection only asks RabbitMQ).</summary>
    private static async Task<string> QueueDepthPageAsync(HttpClient worker, CancellationToken ct)
    {
        var page = "";
        for (var attempt = 0; attempt < 50 && !page.Contains("cloudbroker_bus_queue_messages{", StringComparison.Ordinal); attempt++)
        {
            page = await worker.GetStringAsync("/metrics", ct);
            await Task.Delay(200, ct);
        }

        return page;
    }

    /// <summary>
    /// The first <c>CreateInstance</c> span of the trace and its ancestors up to the API's server span (whose parent is
    /// the test's own, never exported), as the spans arrive from both processes.
    /// </summary>
    private static async Task<IReadOnlyList<OtlpSpan>> ChainAsync(OtlpReceiver receiver, string trace, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var seen = "";
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var spans = receiver.Spans.Where(s => s.TraceId == trace).ToList();
            var bySpan = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
            if (spans.FirstOrDefault(s => s.Scope == "CloudBroker.Provisioning" && s.Name == "CreateInstance") is { } start)
            {
                var chain = new List<OtlpSpan> { start };
                while (bySpan.TryGetValue(chain[^1].ParentSpanId, out var parent))
                {
                    chain.Add(parent);
                }

                if (chain[^1].Kind == Server)
                {
                    return chain;
                }
            }

            seen = string.Join(", ", spans.Select(s => $"{s.Service}/{s.Scope}:{s.Name}"));
            await Task.Delay(200, ct);
        }

        Assert.Fail($"no complete chain within 60 s; spans of the trace: {seen}; all: {receiver.Spans.Count}");
        return [];
    }
}
