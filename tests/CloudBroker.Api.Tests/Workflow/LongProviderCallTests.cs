using CloudBroker.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Workflow;

/// <summary>
/// Provider <c>slow</c> takes 8 s to answer every call (a clone of a large disk) while an operation's lease is 3 s
/// and the sweeper looks every 50 ms: each step keeps its lease while its call runs, so the operation is never taken
/// for lost and re-driven beside itself.
/// </summary>
public sealed class LongProviderCallTests(LongProviderCallTests.SlowProviderFactory factory) : IClassFixture<LongProviderCallTests.SlowProviderFactory>
{
    [Fact]
    public async Task A_provider_call_longer_than_the_lease_keeps_its_lease_and_is_not_re_driven()
    {
        using var client = factory.CreateAdminClient();
        var (_, accepted) = await client.CreateAsync(InstanceCalls.Request(UniqueName("slow"), "slow"));

        var operation = await client.WaitForOperationAsync((string)accepted["id"]!, "succeeded", TimeSpan.FromSeconds(90));

        var steps = operation["steps"]!.AsArray().Select(s => (string)s!["name"]!).ToArray();
        Assert.True(steps.SequenceEqual(["accepted", "provider-call", "completed"]), operation.ToJsonString());
        Assert.Equal(1, (int?)operation["attempts"]);
        Assert.DoesNotContain("lost its next step", factory.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("DbUpdateConcurrencyException", factory.Logs.Text, StringComparison.Ordinal);
    }

    public sealed class SlowProviderFactory : ApiFactory
    {
        public CapturedLogs Logs { get; } = new();

        protected override void AddSettings(Dictionary<string, string?> settings)
        {
            AddMockProvider(settings, "slow");
            settings["CloudBroker:Providers:slow:Latency"] = "00:00:08";
            settings["CloudBroker:Provisioning:LeaseLength"] = "00:00:03";
            settings["CloudBroker:Provisioning:SweepInterval"] = "00:00:00.05";
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Trace));
        }
    }
}
