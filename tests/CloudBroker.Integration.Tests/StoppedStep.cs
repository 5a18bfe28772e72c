using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudBroker.Integration.Tests;

/// <summary>
/// The moves of a graceful-stop scenario, on either mode: a create whose provider call is under way when the process that
/// runs its step gets SIGTERM, and the wait for that create to finish after the restart.
/// </summary>
internal static class StoppedStep
{
    /// <summary>How long every provider call begun in the first process's life takes (<c>MockConsole.StallAsync</c>): far past the stop timeout.</summary>
    public static readonly TimeSpan SlowCall = TimeSpan.FromSeconds(40);

    /// <summary>The stop timeout the scenarios set (<c>CloudBroker__Bus__StopTimeout</c>).</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Well under the default lease (one minute), which a step the stop left holding it would wait out.</summary>
    public static readonly TimeSpan Prompt = TimeSpan.FromSeconds(25);

    /// <summary>The stop ends well before the host's own 30 s limit would.</summary>
    public static readonly TimeSpan StopsWithin = StopTimeout + TimeSpan.FromSeconds(10);

    /// <summary>Posts a create on the mock provider; returns its operation id.</summary>
    public static async Task<string> CreateAsync(HttpClient client, CancellationToken ct)
    {
        var body = new JsonObject { ["name"] = "drained", ["providerId"] = MockCloudSettings.ProviderId, ["imageId"] = "debian-12", ["hardwareProfileId"] = "m1-small" };
        using var response = await client.PostAsync("/api/instances", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["id"]!;
    }

    /// <summary>Until the create's step message has left the outbox, then a moment for the bus to hand it to its consumer.</summary>
    public static async Task WaitUntilTakenAsync(Func<DbConnection> open, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using (var db = open())
            {
                await db.OpenAsync(ct);
                await using var command = db.CreateCommand();
                command.CommandText = """SELECT COUNT(*) FROM "outbox" WHERE "SentAt" IS NULL;""";
                if (Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    break;
                }
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the create's step was not published within 30 s");
            await Task.Delay(50, ct);
        }

        await Task.Delay(TimeSpan.FromSeconds(1), ct);
    }

    /// <summary>The log of the stopped process, checked: it exited cleanly, in time, and nothing touched a disposed container.</summary>
    public static void AssertStoppedCleanly(int exitCode, TimeSpan took, string logPath)
    {
        var log = File.ReadAllText(logPath);
        Assert.True(exitCode == 0, $"exit code {exitCode} after SIGTERM\n{BrokerProcess.Tail(logPath, 40)}");
        Assert.DoesNotContain(nameof(ObjectDisposedException), log, StringComparison.Ordinal);
        Assert.True(took < StopsWithin, $"SIGTERM took {took.TotalSeconds:0.0} s to end the process (stop timeout {StopTimeout.TotalSeconds:0} s)\n{BrokerProcess.Tail(logPath, 40)}");
    }

    /// <summary>Until the operation succeeded; fails after <see cref="Prompt"/>. Returns how long it took.</summary>
    public static async Task<TimeSpan> WaitUntilSucceededAsync(HttpClient client, string operationId, string logPath, CancellationToken ct)
    {
        var restarted = Stopwatch.StartNew();
        JsonObject operation;
        do
        {
            await Task.Delay(250, ct);
            operation = await BrokerCalls.GetJsonAsync(client, "/api/operations/" + operationId, ct);
        }
        while ((string?)operation["status"] != "succeeded" && restarted.Elapsed < Prompt);

        Assert.True(
            (string?)operation["status"] == "succeeded",
            $"the create was still {operation["status"]} {Prompt.TotalSeconds:0} s after the restart: {operation.ToJsonString()}\n{BrokerProcess.Tail(logPath, 40)}");
        return restarted.Elapsed;
    }
}
