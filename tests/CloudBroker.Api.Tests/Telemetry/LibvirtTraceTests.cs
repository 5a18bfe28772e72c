using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Drivers.Libvirt;
using CloudBroker.Provisioning.Calls;
using CloudBroker.Provisioning.Telemetry;
using Xunit;

namespace CloudBroker.Api.Tests.Telemetry;

/// <summary>
/// The libvirt driver's calls into libvirt.so.0 are spans beneath the provider call that made them, so a create's trace
/// reaches from the POST down to <c>virDomainCreate</c> on the host (the quick start's <c>test:///default</c>); a libvirt
/// call that fails says so with libvirt's error and the host it tried.
/// </summary>
public sealed class LibvirtTraceTests(LibvirtTraceTests.KvmTelemetry factory) : IClassFixture<LibvirtTraceTests.KvmTelemetry>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_creates_libvirt_calls_are_spans_beneath_its_provider_call_and_the_post()
    {
        using var client = factory.CreateAdminClient();
        var trace = ActivityTraceId.CreateRandom();
        using var response = await SendAsync(client, trace, HttpMethod.Post, "/api/instances", new JsonObject
        {
            ["name"] = "traced-kvm", ["providerId"] = "libvirt", ["imageId"] = "blank", ["hardwareProfileId"] = "small",
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await client.WaitForOperationAsync((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!, "succeeded");

        var spans = factory.Spans.Where(s => s.TraceId == trace).ToList();
        var create = Assert.Single(spans, s => s.Source.Name == ProvisioningTelemetry.Name && s.DisplayName == "CreateInstance");
        var libvirt = spans.Where(s => s.Source.Name == LibvirtTelemetry.Name && s.ParentSpanId == create.SpanId).ToList();
        Assert.Subset(libvirt.Select(s => s.DisplayName).ToHashSet(), new HashSet<string> { "virDomainDefineXMLFlags", "virDomainCreate" });
        Assert.All(libvirt, s => Assert.Equal(ActivityStatusCode.Unset, s.Status));

        var chain = Chain(spans, libvirt.First(s => s.DisplayName == "virDomainCreate"));
        Assert.Contains(create, chain);
        Assert.Equal(("Microsoft.AspNetCore", "POST"), (chain[^1].Source.Name, chain[^1].GetTagItem("http.request.method")));
    }

    [Fact]
    public async Task A_failed_libvirt_call_carries_libvirts_error_beneath_the_provider_call()
    {
        using var client = factory.CreateAdminClient();
        var trace = ActivityTraceId.CreateRandom();
        using var response = await SendAsync(client, trace, HttpMethod.Post, "/api/providers/kvm-down/test", null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);

        var spans = factory.Spans.Where(s => s.TraceId == trace).ToList();
        var probe = Assert.Single(spans, s => s.Source.Name == ProvisioningTelemetry.Name && s.DisplayName == GatedDriver.ProbeCall);
        var open = Assert.Single(spans, s => s.Source.Name == LibvirtTelemetry.Name);
        Assert.Equal(("virConnectOpen", probe.SpanId), (open.DisplayName, open.ParentSpanId));
        Assert.Equal(ActivityStatusCode.Error, open.Status);
        Assert.Equal("unavailable", open.GetTagItem("error.type"));
        Assert.NotNull(open.GetTagItem("libvirt.error.code"));
        Assert.Equal("127.0.0.1", open.GetTagItem("server.address"));
        Assert.Contains("127.0.0.1", open.StatusDescription, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, ActivityTraceId trace, HttpMethod method, string path, JsonObject? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return client.SendAsync(request, Ct);
    }

    /// <summary>The span, its parent, its parent's parent, … as far as the spans of the trace go.</summary>
    private static List<Activity> Chain(List<Activity> spans, Activity start)
    {
        var bySpan = spans.ToDictionary(s => s.SpanId);
        var chain = new List<Activity> { start };
        while (bySpan.TryGetValue(chain[^1].ParentSpanId, out var parent))
        {
            chain.Add(parent);
        }

        return chain;
    }

    /// <summary>The telemetry fixture with the quick start's libvirt provider and <c>kvm-down</c>, whose one host does not answer.</summary>
    public sealed class KvmTelemetry : TelemetryFactory
    {
        protected override bool KeepEmbeddedLibvirt => true;

        protected override void AddSettings(Dictionary<string, string?> settings)
        {
            base.AddSettings(settings);
            settings["CloudBroker:Providers:kvm-down:Driver"] = "libvirt";
            settings["CloudBroker:Providers:kvm-down:Uris:0"] = "qemu+tcp://127.0.0.1:1/system"; // nothing listens on port 1
        }
    }
}
