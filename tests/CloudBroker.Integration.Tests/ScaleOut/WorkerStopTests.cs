using System.Diagnostics;
using CloudBroker.Drivers.Mock;
using Npgsql;

namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>
/// The scaled-out worker (PostgreSQL and RabbitMQ) stopped with SIGTERM, as a rolling update does, while a create's
/// provider call is under way and slower than the stop timeout: it behaves as the embedded process does
/// (<see cref="GracefulStopTests"/>): it ends in time, cleanly, and the restarted worker finishes the create at once.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class WorkerStopTests
{
    [Fact(Timeout = 240_000)]
    public async Task A_sigterm_mid_step_stops_the_worker_within_the_stop_timeout_and_the_next_worker_finishes_the_step_at_once()
    {
        var services = ScaleOutServices.FromEnvironment();
        var ct = TestContext.Current.CancellationToken;
        var folder = ScenarioFolder.Create("worker-stop", 0);
        var environment = BrokerEnvironment.Create(folder.Path, MockCloudSettings.Reader(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100)), fastRecovery: false);
        environment["Logging__LogLevel__Default"] = "Information";
        environment["CloudBroker__Bus__StopTimeout"] = StoppedStep.StopTimeout.ToString("c");
        await using (var cluster = await ScaleOutCluster.StartAsync(services, folder.Path, environment, apis: 1, workers: 1, folder.Log, ct))
        {
            var logPath = cluster.WorkerLogOf(0);
            string operationId;
            TimeSpan stopped;
            await using (var cloud = MockConsole.Open(folder.Path, MockCloudSettings.ProviderId))
            {
                await cloud.StallAsync(StoppedStep.SlowCall, ct);
                operationId = await StoppedStep.CreateAsync(cluster.Api(0), ct);
                await StoppedStep.WaitUntilTakenAsync(() => new NpgsqlConnection(cluster.Database.AdminConnectionString), ct);

                var stopping = Stopwatch.StartNew();
                var exitCode = await cluster.TerminateWorkerAsync(0, TimeSpan.FromSeconds(90), ct);
                stopped = stopping.Elapsed;
                StoppedStep.AssertStoppedCleanly(exitCode, stopped, logPath);
                await cloud.RestoreAsync(ct);
            }

            await cluster.RestartWorkerAsync(0, ct);
            var finished = await StoppedStep.WaitUntilSucceededAsync(cluster.Api(0), operationId, logPath, ct);
            var queues = await services.RabbitMq.QueuesAsync(cluster.Database.Name, ct);
            folder.Log.Say("queues after the restart: " + string.Join(", ", queues));
            folder.Log.Report($"scale-out worker SIGTERM mid-step: stopped in {stopped.TotalSeconds:0.0} s (stop timeout {StoppedStep.StopTimeout.TotalSeconds:0} s), the create finished {finished.TotalSeconds:0.0} s after the restarted worker was ready");
        }

        folder.Passed();
    }
}
