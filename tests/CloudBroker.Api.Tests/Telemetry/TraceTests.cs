using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Provisioning.Telemetry;
using Xunit;

namespace CloudBroker.Api.Tests.Telemetry;

/// <summary>
/// One create is one trace: from the POST, through the outbox row (its context stored with it), the bus, the consumer,
/// to the provider call, and on through the timer rows that check on the machine — across a restart too. Both roles run
/// in this process; the scaled-out test follows the same chain across processes.
/// </summary>
public sealed class TraceTests(TelemetryFactory factory) : IClassFixture<TelemetryFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACreateIsOneTraceFromThePostThroughTheOutboxAndTheBusToTheProviderCall()
    {
        using var client = factory.CreateAdminClient();
        var caller = ActivityTraceId.CreateRandom();
        var operationId = await CreateAsync(client, caller, "traced-1", "mock");
        await client.WaitForOperationAsync(operationId, "succeeded");

        var chain = await ChainAsync(factory, caller, "CreateInstance");
        AssertCrossesTheOutbox(chain);

        // The checks after the create ran from delayed timer rows the consumer wrote: still the same trace.
        var check = await ChainAsync(factory, caller, "GetInstance");
        Assert.Equal("mock", check[0].GetTagItem("cloudbroker.provider"));
        Assert.Equal("answered", check[0].GetTagItem("cloudbroker.outcome"));
        Assert.True(check.Count(s => s.Source.Name == OutboxTelemetry.Name) >= 2, Describe(check));
    }

    [Fact]
    public async Task TheProviderCallSpanSaysWhichProviderWhichCallAndHowItEnded()
    {
        using var client = factory.CreateAdminClient();
        var caller = ActivityTraceId.CreateRandom();
        var operationId = await CreateAsync(client, caller, "traced-flaky", "flaky");
        await client.WaitForOperationAsync(operationId, "failed");

        var call = (await ChainAsync(factory, caller, "CreateInstance"))[0];
        Assert.Equal(ActivityKind.Client, call.Kind);
        Assert.Equal("flaky", call.GetTagItem("cloudbroker.provider"));
        Assert.Equal("create", call.GetTagItem("cloudbroker.call.kind"));
        Assert.Equal("failed", call.GetTagItem("cloudbroker.outcome"));
        Assert.NotNull(call.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, call.Status);

        // The workflow's warning about the failure names the trace and the span it was written in.
        var warning = await UntilAsync(() => factory.Logs.Lines.FirstOrDefault(l => l.Message.Contains(operationId, StringComparison.Ordinal) && l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning));
        Assert.Equal(caller.ToHexString(), warning.TraceId);
        Assert.Contains(factory.Spans, s => s.TraceId == caller && s.SpanId.ToHexString() == warning.SpanId);
    }

    [Fact]
    public async Task TheTraceSurvivesARestartWhileItsTimerRowWaits()
    {
        var data = ApiFactory.NewDataDirectory();
        var caller = ActivityTraceId.CreateRandom();
        string operationId;
        var first = TelemetryFactory.On(data, deleteOnDispose: false);
        await using (first)
        {
            using var client = first.CreateAdminClient();
            operationId = await CreateAsync(client, caller, "traced-restart", TelemetryFactory.SlowProvider);
            await client.WaitForOperationAsync(operationId, "running"); // the machine is made; its check waits in a timer row
            AssertCrossesTheOutbox(await ChainAsync(first, caller, "CreateInstance"));
        }

        await using var second = TelemetryFactory.On(data, deleteOnDispose: true);
        using (var client = second.CreateAdminClient())
        {
            await client.WaitForOperationAsync(operationId, "succeeded");
        }

        // The next process published the stored row as part of the same trace: its spans join the first process's
        // into one chain from the POST to its provider call.
        var check = await ChainAsync(caller, "GetInstance", () => [.. first.Spans, .. second.Spans], startIn: second);
        Assert.Equal(TelemetryFactory.SlowProvider, check[0].GetTagItem("cloudbroker.provider"));
        var publish = check.First(s => s.Source.Name == OutboxTelemetry.Name);
        Assert.Contains(second.Spans, s => s.SpanId == publish.SpanId);
        Assert.Contains(first.Spans, s => s.SpanId == publish.ParentSpanId);
    }

    /// <summary>Posts a create as part of <paramref name="trace"/> (the caller's own span is its parent); returns the operation id.</summary>
    private static async Task<string> CreateAsync(HttpClient client, ActivityTraceId trace, string name, string provider)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances") { Content = JsonContent.Create(InstanceCalls.Request(name, provider)) };
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!;
    }

    /// <summary>The POST, the outbox, the bus and the consumer, in that order, above the provider call.</summary>
    private static void AssertCrossesTheOutbox(IReadOnlyList<Activity> chain)
    {
        var expected = new Func<Activity, bool>[]
        {
            s => s.Source.Name == ProvisioningTelemetry.Name && s.Kind == ActivityKind.Client,
            s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer,
            s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer,
            s => s.Source.Name == OutboxTelemetry.Name && s.Kind == ActivityKind.Producer,
            s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server,
        };
        var at = 0;
        foreach (var step in expected)
        {
            while (at < chain.Count && !step(chain[at]))
            {
                at++;
            }

            Assert.True(at < chain.Count, "the chain lacks a step: " + Describe(chain));
        }

        Assert.Equal("POST", chain[^1].GetTagItem("http.request.method"));
    }

    /// <summary>
    /// The span of the first provider call <paramref name="call"/> in <paramref name="trace"/>, then its parent, its
    /// parent's parent, … up to the span the caller's header named (exclusive); waits while spans still end.
    /// </summary>
    private static Task<IReadOnlyList<Activity>> ChainAsync(TelemetryFactory telemetry, ActivityTraceId trace, string call) =>
        ChainAsync(trace, call, () => telemetry.Spans, telemetry);

    /// <summary>The same over the spans of several processes, starting at a call made in <paramref name="startIn"/>.</summary>
    private static Task<IReadOnlyList<Activity>> ChainAsync(ActivityTraceId trace, string call, Func<IReadOnlyList<Activity>> collected, TelemetryFactory startIn) =>
        UntilAsync(() =>
        {
            var spans = collected().Where(s => s.TraceId == trace).ToList();
            var start = startIn.Spans.Where(s => s.TraceId == trace && s.Source.Name == ProvisioningTelemetry.Name && s.DisplayName == call).MinBy(s => s.StartTimeUtc);
            if (start is null)
            {
                return null;
            }

            var bySpan = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
            var chain = new List<Activity> { start };
            while (bySpan.TryGetValue(chain[^1].ParentSpanId, out var parent))
            {
                chain.Add(parent);
            }

            // Complete when it reaches the server span, whose parent is the caller's (not exported here).
            return chain[^1].Source.Name == "Microsoft.AspNetCore" ? (IReadOnlyList<Activity>)chain : null;
        });

    private static string Describe(IEnumerable<Activity> chain) =>
        string.Join(" <- ", chain.Select(s => $"{s.Source.Name}:{s.Kind}:{s.DisplayName}"));

    private static async Task<T> UntilAsync<T>(Func<T?> probe)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (probe() is { } found)
            {
                return found;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "not seen within 15 s");
            await Task.Delay(50, Ct);
        }
    }
}
