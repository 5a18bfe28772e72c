using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CloudBroker.Drivers.Mock;
using Microsoft.Data.Sqlite;

namespace CloudBroker.Integration.Tests;

/// <summary>
/// The embedded broker, a real process, stopped with SIGTERM while a create's provider call is under way and slower
/// than the stop allows: the process ends within its stop timeout without touching a disposed database, and the next
/// start finishes the create at once instead of waiting out the step's processing lease.
/// </summary>
public sealed class GracefulStopTests
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Every provider call the first process begins takes this long: far past the stop timeout.</summary>
    private static readonly TimeSpan SlowCall = TimeSpan.FromSeconds(40);

    /// <summary>The default lease (one minute): a step the stop left holding it would be re-driven only after it.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(25);

    [Fact(Timeout = 240_000)]
    public async Task A_sigterm_mid_step_stops_within_the_stop_timeout_and_the_next_start_finishes_the_step_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = Path.Combine(Path.GetTempPath(), $"cb-stop-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        var logPath = Path.Combine(data, "broker.log");
        var reader = MockCloudSettings.Reader(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100));
        var environment = BrokerEnvironment.Create(data, reader, fastRecovery: false);
        environment["Logging__LogLevel__Default"] = "Information";
        environment["CloudBroker__Bus__StopTimeout"] = StopTimeout.ToString("c");

        string operationId;
        await using (var first = await BrokerProcess.StartAsync(BrokerAssemblies.Api, data, environment, BrokerEnvironment.AdminKey, logPath, ct))
        await using (var cloud = MockConsole.Open(data, MockCloudSettings.ProviderId))
        {
            await cloud.StallAsync(SlowCall, ct);
            operationId = await CreateAsync(first.Client, ct);
            await WaitUntilPublishedAsync(data, ct);
            await Task.Delay(TimeSpan.FromSeconds(1), ct); // the in-memory bus hands the step to its consumer at once

            var stopping = Stopwatch.StartNew();
            var exitCode = await first.TerminateAsync(TimeSpan.FromSeconds(90), ct);
            stopping.Stop();
            var log = await File.ReadAllTextAsync(logPath, ct);
            Assert.True(exitCode == 0, $"exit code {exitCode} after SIGTERM\n{BrokerProcess.Tail(logPath, 40)}");
            Assert.DoesNotContain(nameof(ObjectDisposedException), log, StringComparison.Ordinal);
            Assert.True(
                stopping.Elapsed < StopTimeout + TimeSpan.FromSeconds(10),
                $"SIGTERM took {stopping.Elapsed.TotalSeconds:0.0} s to end the process (stop timeout {StopTimeout.TotalSeconds:0} s)\n{BrokerProcess.Tail(logPath, 40)}");
            await cloud.RestoreAsync(ct);
        }

        await using (var second = await BrokerProcess.StartAsync(BrokerAssemblies.Api, data, environment, BrokerEnvironment.AdminKey, logPath, ct))
        {
            var restarted = Stopwatch.StartNew();
            JsonObject operation;
            do
            {
                await Task.Delay(250, ct);
                operation = await BrokerCalls.GetJsonAsync(second.Client, "/api/operations/" + operationId, ct);
            }
            while ((string?)operation["status"] != "succeeded" && restarted.Elapsed < Prompt);

            Assert.True(
                (string?)operation["status"] == "succeeded",
                $"the create was still {operation["status"]} {Prompt.TotalSeconds:0} s after the restart: {operation.ToJsonString()}\n{BrokerProcess.Tail(logPath, 40)}");
        }

        Directory.Delete(data, recursive: true);
    }

    private static async Task<string> CreateAsync(HttpClient client, CancellationToken ct)
    {
        var body = new JsonObject { ["name"] = "drained", ["providerId"] = MockCloudSettings.ProviderId, ["imageId"] = "debian-12", ["hardwareProfileId"] = "m1-small" };
        using var response = await client.PostAsync("/api/instances", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["id"]!;
    }

    /// <summary>Until the create's step message has left the outbox (on its way to the consumer).</summary>
    private static async Task WaitUntilPublishedAsync(string data, CancellationToken ct)
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(data, "cloudbroker.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using (var db = new SqliteConnection(connection.ToString()))
            {
                await db.OpenAsync(ct);
                await using var command = db.CreateCommand();
                command.CommandText = """SELECT COUNT(*) FROM "outbox" WHERE "SentAt" IS NULL;""";
                if ((long)(await command.ExecuteScalarAsync(ct))! == 0)
                {
                    return;
                }
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the create's step was not published within 30 s");
            await Task.Delay(50, ct);
        }
    }
}
