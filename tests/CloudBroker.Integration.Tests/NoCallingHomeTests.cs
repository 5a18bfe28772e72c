using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudBroker.Integration.Tests.ScaleOut;
using CloudBroker.Testing.Postgres;
using Npgsql;

namespace CloudBroker.Integration.Tests;

/// <summary>
/// No calling home (issue 14, item 6): real brokers, each under a <see cref="ConnectionWatch"/>, do some work and then
/// idle past the moment MassTransit would report usage (its ReportDelay, which the broker sets to MassTransit's floor
/// of 30 s; 5 minutes by default). The embedded one connects to nothing at all; the scaled-out one to its PostgreSQL
/// and RabbitMQ only. A third, told by MASSTRANSIT_USAGE_TELEMETRY=true to report, shows the watch sees it when one does.
/// The embedded broker made its data folder, and the folder is 0700 and every file in it 0600.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes, strace
public sealed class NoCallingHomeTests
{
    /// <summary>MassTransit's report delay as the broker configures it (BrokerBusRegistration).</summary>
    private static readonly TimeSpan TelemetryDelay = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Idle = TelemetryDelay + TimeSpan.FromSeconds(15);

    [Fact(Timeout = 300_000)]
    public async Task Brokers_idle_past_the_telemetry_delay_connect_only_to_their_database_and_bus()
    {
        var services = ScaleOutServices.FromEnvironment();
        var ct = TestContext.Current.CancellationToken;
        var folder = ScenarioFolder.Create("no-calling-home", 1);
        var log = folder.Log;
        await using var database = await ScratchPostgresDatabase.CreateAsync("cb_home", ct);
        await services.RabbitMq.AddVhostAsync(database.Name, ct);
        try
        {
            var postgres = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            var scaledOut = new Dictionary<string, string>
            {
                ["CloudBroker__Database__Provider"] = "Postgres",
                ["CloudBroker__Database__ConnectionString"] = database.ConnectionString,
                ["CloudBroker__Database__MigrateOnStartup"] = "true",
                ["CloudBroker__Bus__Transport"] = "RabbitMq",
                ["CloudBroker__Bus__RabbitMq__Uri"] = services.RabbitMqVhost(database.Name).ToString(),
            };
            var allowedScaledOut = new[] { $"{postgres.Host}:{postgres.Port}", $"{services.RabbitMqUri.Host}:{services.RabbitMqUri.Port}" };

            var starting = new[]
            {
                StartAsync(folder, "embedded", new Dictionary<string, string>(), log, ct),
                StartAsync(folder, "scaled-out", scaledOut, log, ct),
                StartAsync(folder, "reporting", new Dictionary<string, string> { ["MASSTRANSIT_USAGE_TELEMETRY"] = "true" }, log, ct),
            };
            try
            {
                var brokers = await Task.WhenAll(starting);
                await WatchAsync(brokers[0], brokers[1], brokers[2], allowedScaledOut, log, ct);
            }
            finally
            {
                foreach (var broker in starting.Where(t => t.IsCompletedSuccessfully))
                {
                    await (await broker).Process.DisposeAsync();
                }
            }
        }
        finally
        {
            await services.RabbitMq.DeleteVhostAsync(database.Name, CancellationToken.None);
        }

        folder.Passed();
    }

    private static async Task WatchAsync(WatchedBroker embedded, WatchedBroker scaled, WatchedBroker reporting, string[] allowedScaledOut, ScenarioLog log, CancellationToken ct)
    {
        await Task.WhenAll(new[] { embedded, scaled, reporting }.Select(b => CreateRunningAsync(b.Process.Client, ct)));
        log.Say("each broker made a machine; idling");

        // The reporting broker tries to reach its vendor once the delay is over: the watch must see that.
        var patience = TelemetryDelay + TimeSpan.FromSeconds(60);
        var reported = await WaitAsync(() => Task.FromResult(reporting.Watch.Destinations().Count > 0), Add(reporting.Ready, patience), ct);
        Assert.True(reported, $"the broker told to report usage tried no connection within {patience.TotalSeconds:0} s of its start");
        log.Say($"the reporting broker tried {string.Join(", ", reporting.Watch.Destinations())}, {Stopwatch.GetElapsedTime(reporting.Ready).TotalSeconds:0} s after it was ready");

        var idleUntil = Add(Math.Max(embedded.Ready, scaled.Ready), Idle);
        if (Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), idleUntil) is { Ticks: > 0 } rest)
        {
            await Task.Delay(rest, ct); // idling is the point
        }

        Assert.False(embedded.Process.HasExited || scaled.Process.HasExited, "a broker exited while idling");
        var embeddedTried = embedded.Watch.Destinations();
        Assert.True(embeddedTried.Count == 0, "the embedded broker connected to: " + string.Join(", ", embeddedTried));
        var scaledTried = scaled.Watch.Destinations();
        Assert.True(scaledTried.Count > 0, "the watch saw not even the database: " + scaled.Watch.Head(5));
        Assert.True(scaledTried.IsSubsetOf(allowedScaledOut),
            $"the scaled-out broker connected to {string.Join(", ", scaledTried.Except(allowedScaledOut))} besides {string.Join(", ", allowedScaledOut)}");
        log.Report($"no calling home: idle {Idle.TotalSeconds:0} s past ready (MassTransit would report after {TelemetryDelay.TotalSeconds:0} s): " +
                   $"the embedded broker connected to nothing, the scaled-out one to {string.Join(", ", scaledTried)} only; one told to report tried {string.Join(", ", reporting.Watch.Destinations())}");

        AssertPrivate(embedded.DataDirectory);
    }

    private static async Task<WatchedBroker> StartAsync(ScenarioFolder folder, string name, Dictionary<string, string> settings, ScenarioLog log, CancellationToken ct)
    {
        var data = Path.Combine(folder.Path, name, "data"); // the broker makes it
        var environment = BrokerEnvironment.Create(data, MockCloudSettings.Reader(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100)), fastRecovery: false);
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var watch = new ConnectionWatch(Path.Combine(folder.Path, name + ".trace"));
        var process = await BrokerProcess.StartAsync(BrokerAssemblies.Api, folder.Path, environment, BrokerEnvironment.AdminKey, Path.Combine(folder.Path, name + ".log"), ct, watch.Launcher);
        log.Say($"{name} broker ready (pid {process.ProcessId}, under strace)");
        return new WatchedBroker(process, watch, data, Stopwatch.GetTimestamp());
    }

    private static async Task CreateRunningAsync(HttpClient client, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync("/api/instances",
            new JsonObject { ["name"] = "home-1", ["providerId"] = "mock", ["imageId"] = "debian-12", ["hardwareProfileId"] = "m1-small" }, ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (string)(await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["targetId"]!;
        var running = await WaitAsync(
            async () => (string?)(await BrokerCalls.GetJsonAsync(client, "/api/instances/" + id, ct))["state"] == "running",
            Add(Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(30)), ct);
        Assert.True(running, $"instance {id} is not running after 30 s");
    }

    private static void AssertPrivate(string data)
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        var files = Directory.GetFiles(data, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("cloudbroker.db-wal", StringComparison.Ordinal));
        Assert.All(files, f => Assert.True(File.GetUnixFileMode(f) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{f}: {File.GetUnixFileMode(f)}"));
    }

    /// <summary>Polls <paramref name="done"/> until it holds or the <see cref="Stopwatch"/> timestamp <paramref name="until"/> passes.</summary>
    private static async Task<bool> WaitAsync(Func<Task<bool>> done, long until, CancellationToken ct)
    {
        while (Stopwatch.GetTimestamp() < until)
        {
            if (await done())
            {
                return true;
            }

            await Task.Delay(250, ct);
        }

        return await done();
    }

    private static long Add(long timestamp, TimeSpan span) => timestamp + (long)(span.TotalSeconds * Stopwatch.Frequency);

    /// <summary>A broker process, what watches its connections, its data folder, and when it became ready.</summary>
    private sealed record WatchedBroker(BrokerProcess Process, ConnectionWatch Watch, string DataDirectory, long Ready);
}
