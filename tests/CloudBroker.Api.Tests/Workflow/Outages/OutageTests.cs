using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Workflow.Outages;

/// <summary>An action sent while its provider cannot be reached waits the outage out, up to its deadline.</summary>
public sealed class OutageTests(OutageFactory factory) : IClassFixture<OutageFactory>
{
    [Fact]
    public async Task A_start_sent_during_an_outage_longer_than_the_old_attempts_succeeds_once_the_provider_is_back()
    {
        using var client = factory.CreateAdminClient();
        var id = (string)(await client.CreateRunningAsync(InstanceCalls.Request(UniqueName("outage"), OutageFactory.ProviderId)))["id"]!;
        var stop = await client.ActAsync(id, "stop");
        await client.WaitForOperationAsync((string)stop["id"]!, "succeeded");

        // Five attempts at this pace are made within 18 s (1 + 2 + 4 + 8 s, ±20% jitter): the outage outlasts them all,
        // not the 10-minute deadline.
        await factory.CutOffAsync(TimeSpan.FromSeconds(20));
        var start = await client.ActAsync(id, "start");
        var clock = Stopwatch.StartNew();
        var operation = await WaitFinishedAsync(client, (string)start["id"]!, TimeSpan.FromSeconds(60));

        Assert.Equal("succeeded", (string?)operation["status"]);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(19), $"the start finished after {clock.Elapsed} although the provider was cut off for 20 s");
        Assert.True((int)operation["attempts"]! > 5, $"attempts: {operation["attempts"]}");
        var retries = operation["steps"]!.AsArray().Where(s => (string?)s!["status"] == "retrying").ToList();
        Assert.True(retries.Count >= 5);
        Assert.All(retries, s => Assert.Contains("Unavailable", (string?)s!["detail"], StringComparison.Ordinal));
        await client.WaitForStateAsync(id, "running");
    }

    internal static async Task<JsonObject> WaitFinishedAsync(HttpClient client, string operationId, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync("/api/operations/" + operationId, Ct);
            var operation = await ExpectJsonAsync(response, HttpStatusCode.OK);
            if ((string?)operation["status"] is "succeeded" or "failed" or "cancelled")
            {
                return operation;
            }

            Assert.True(clock.Elapsed < limit, $"operation {operationId} did not finish within {limit}: {operation.ToJsonString()}");
            await Task.Delay(200, Ct);
        }
    }
}
