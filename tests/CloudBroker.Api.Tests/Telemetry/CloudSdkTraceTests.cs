using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Provisioning.Telemetry;
using CloudBroker.Testing.Ec2;
using Xunit;

namespace CloudBroker.Api.Tests.Telemetry;

/// <summary>A provider call's span has the SDK's own HTTP calls beneath it: here EC2's, against the wire-level fake.</summary>
public sealed class Ec2TraceTests(Ec2TraceTests.Ec2Telemetry factory) : IClassFixture<Ec2TraceTests.Ec2Telemetry>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheEc2SdksHttpCallsAreChildrenOfTheProviderCallSpan()
    {
        using var client = factory.CreateAdminClient();
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances")
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["name"] = "traced-ec2", ["providerId"] = "aws", ["imageId"] = "ami-0a1b2c3d4e5f60718", ["hardwareProfileId"] = "t3.micro",
            }),
        };
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await client.WaitForOperationAsync((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!, "succeeded");

        var spans = factory.Spans.Where(s => s.TraceId == trace).ToList();
        var create = Assert.Single(spans, s => s.Source.Name == ProvisioningTelemetry.Name && s.DisplayName == "CreateInstance");
        Assert.Equal("aws", create.GetTagItem("cloudbroker.provider"));
        var http = Assert.Single(spans, s => s.Kind == ActivityKind.Client && s.ParentSpanId == create.SpanId);
        Assert.Equal("POST", http.GetTagItem("http.request.method"));
        Assert.Equal(factory.Fake.ServiceUrl.Port, http.GetTagItem("server.port"));
    }

    /// <summary>The telemetry fixture with an EC2 provider <c>aws</c> on an <see cref="Ec2Fake"/> account.</summary>
    public sealed class Ec2Telemetry : TelemetryFactory, IAsyncLifetime
    {
        private Ec2Fake? _fake;

        public Ec2Fake Fake => _fake ?? throw new InvalidOperationException("the EC2 fake starts in InitializeAsync");

        public async ValueTask InitializeAsync() => _fake = await Ec2Fake.StartAsync(new Ec2FakeOptions { PendingFor = TimeSpan.FromMilliseconds(200) });

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (_fake is not null)
            {
                await _fake.DisposeAsync();
            }
        }

        protected override void AddSettings(Dictionary<string, string?> settings)
        {
            base.AddSettings(settings);
            const string prefix = "CloudBroker:Providers:aws:";
            settings[prefix + "Driver"] = "ec2";
            settings[prefix + "Region"] = Fake.Options.Region;
            settings[prefix + "ServiceUrl"] = Fake.ServiceUrl.ToString();
            settings[prefix + "Credentials:AccessKeyId"] = Ec2FakeOptions.DefaultAccessKeyId;
            settings[prefix + "Credentials:SecretAccessKey"] = Ec2FakeOptions.DefaultSecretAccessKey;
        }
    }
}
