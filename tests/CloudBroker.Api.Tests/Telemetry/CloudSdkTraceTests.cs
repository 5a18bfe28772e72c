using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Provisioning.Telemetry;
using CloudBroker.Testing.Azure;
using CloudBroker.Testing.Ec2;
using Xunit;

namespace CloudBroker.Api.Tests.Telemetry;

/// <summary>
/// A provider call's span has the cloud SDK's own HTTP calls beneath it, each to the provider's endpoint: the AWS SDK's
/// against the EC2 wire-level fake, the Azure SDK's (token and ARM requests) against the ARM fake.
/// </summary>
public abstract class CloudSdkTraceTests<TFactory>(TFactory factory)
    where TFactory : CloudSdkTraceTests<TFactory>.CloudTelemetry
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sdks_http_calls_are_children_of_the_provider_call_span()
    {
        using var client = factory.CreateAdminClient();
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances")
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["name"] = "traced", ["providerId"] = CloudTelemetry.ProviderId, ["imageId"] = factory.ImageId, ["hardwareProfileId"] = factory.HardwareProfileId,
            }),
        };
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await client.WaitForOperationAsync((string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!, "succeeded");

        var spans = factory.Spans.Where(s => s.TraceId == trace).ToList();
        var create = Assert.Single(spans, s => s.Source.Name == ProvisioningTelemetry.Name && s.DisplayName == "CreateInstance");
        Assert.Equal(CloudTelemetry.ProviderId, create.GetTagItem("cloudbroker.provider"));
        // HTTP client spans only: on PostgreSQL the call's pacing queries are client spans beneath it too.
        var calls = spans.Where(s => s.Kind == ActivityKind.Client && s.ParentSpanId == create.SpanId && s.GetTagItem("http.request.method") is not null).ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, http => Assert.Equal(factory.EndpointPort, http.GetTagItem("server.port")));
        Assert.Contains(calls, http => (string?)http.GetTagItem("http.request.method") is "POST" or "PUT");
    }

    /// <summary>The telemetry fixture with a provider <see cref="ProviderId"/> on a wire-level fake of a public cloud.</summary>
    public abstract class CloudTelemetry : TelemetryFactory, IAsyncLifetime
    {
        public const string ProviderId = "cloud";

        public abstract string ImageId { get; }

        public abstract string HardwareProfileId { get; }

        public abstract int EndpointPort { get; }

        public abstract ValueTask InitializeAsync();
    }
}

public sealed class Ec2TraceTests(Ec2TraceTests.Ec2Telemetry factory)
    : CloudSdkTraceTests<Ec2TraceTests.Ec2Telemetry>(factory), IClassFixture<Ec2TraceTests.Ec2Telemetry>
{
    /// <summary>An EC2 account on an <see cref="Ec2Fake"/>.</summary>
    public sealed class Ec2Telemetry : CloudTelemetry
    {
        private Ec2Fake? _fake;

        private Ec2Fake Fake => _fake ?? throw new InvalidOperationException("the EC2 fake starts in InitializeAsync");

        public override string ImageId => "ami-0a1b2c3d4e5f60718";

        public override string HardwareProfileId => "t3.micro";

        public override int EndpointPort => Fake.ServiceUrl.Port;

        public override async ValueTask InitializeAsync() => _fake = await Ec2Fake.StartAsync(new Ec2FakeOptions { PendingFor = TimeSpan.FromMilliseconds(200) });

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
            const string prefix = "CloudBroker:Providers:" + ProviderId + ":";
            settings[prefix + "Driver"] = "ec2";
            settings[prefix + "Region"] = Fake.Options.Region;
            settings[prefix + "ServiceUrl"] = Fake.ServiceUrl.ToString();
            settings[prefix + "Credentials:AccessKeyId"] = Ec2FakeOptions.DefaultAccessKeyId;
            settings[prefix + "Credentials:SecretAccessKey"] = Ec2FakeOptions.DefaultSecretAccessKey;
        }
    }
}

public sealed class AzureTraceTests(AzureTraceTests.AzureTelemetry factory)
    : CloudSdkTraceTests<AzureTraceTests.AzureTelemetry>(factory), IClassFixture<AzureTraceTests.AzureTelemetry>
{
    /// <summary>An Azure subscription on an <see cref="ArmFake"/> (ARM and the token endpoint, over HTTPS).</summary>
    public sealed class AzureTelemetry : CloudTelemetry
    {
        private ArmFake? _fake;

        private ArmFake Fake => _fake ?? throw new InvalidOperationException("the ARM fake starts in InitializeAsync");

        public override string ImageId => "ubuntu-22-04";

        public override string HardwareProfileId => "Standard_B1s";

        public override int EndpointPort => Fake.Endpoint.Port;

        public override async ValueTask InitializeAsync() => _fake = await ArmFake.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

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
            foreach (var (key, value) in Fake.ProviderSettings("CloudBroker:Providers:" + ProviderId + ":"))
            {
                settings[key] = value;
            }
        }
    }
}
