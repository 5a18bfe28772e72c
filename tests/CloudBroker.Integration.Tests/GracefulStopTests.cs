using System.Diagnostics;
using CloudBroker.Drivers.Mock;
using Microsoft.Data.Sqlite;

namespace CloudBroker.Integration.Tests;

/// <summary>
/// The embedded broker, a real process, stopped with SIGTERM while a create's provider call is under way and slower
/// than the stop timeout allows: the process ends within that timeout without touching a disposed database, and the
/// next start finishes the create at once instead of waiting out the step's processing lease.
/// </summary>
public sealed class GracefulStopTests
{
    [Fact(Timeout = 240_000)]
    public async Task A_sigterm_mid_step_stops_within_the_stop_timeout_and_the_next_start_finishes_the_step_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = Path.Combine(Path.GetTempPath(), $"cb-stop-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        var logPath = Path.Combine(data, "broker.log");
        var environment = BrokerEnvironment.Create(data, MockCloudSettings.Reader(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100)), fastRecovery: false);
        environment["Logging__LogLevel__Default"] = "Information";
        environment["CloudBroker__Bus__StopTimeout"] = StoppedStep.StopTimeout.ToString("c");
        var database = new SqliteConnectionStringBuilder { DataSource = Path.Combine(data, "cloudbroker.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();

        string operationId;
        TimeSpan stopped;
        await using (var first = await BrokerProcess.StartAsync(BrokerAssemblies.Api, data, environment, BrokerEnvironment.AdminKey, logPath, ct))
        await using (var cloud = MockConsole.Open(data, MockCloudSettings.ProviderId))
        {
            await cloud.StallAsync(StoppedStep.SlowCall, ct);
            operationId = await StoppedStep.CreateAsync(first.Client, ct);
            await StoppedStep.WaitUntilTakenAsync(() => new SqliteConnection(database), ct);

            var stopping = Stopwatch.StartNew();
            var exitCode = await first.TerminateAsync(TimeSpan.FromSeconds(90), ct);
            stopped = stopping.Elapsed;
            StoppedStep.AssertStoppedCleanly(exitCode, stopped, logPath);
            await cloud.RestoreAsync(ct);
        }

        await using (var second = await BrokerProcess.StartAsync(BrokerAssemblies.Api, data, environment, BrokerEnvironment.AdminKey, logPath, ct))
        {
            var finished = await StoppedStep.WaitUntilSucceededAsync(second.Client, operationId, logPath, ct);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"REPORT: embedded SIGTERM mid-step: stopped in {stopped.TotalSeconds:0.0} s (stop timeout {StoppedStep.StopTimeout.TotalSeconds:0} s), the create finished {finished.TotalSeconds:0.0} s after the restart was ready");
        }

        Directory.Delete(data, recursive: true);
    }
}
