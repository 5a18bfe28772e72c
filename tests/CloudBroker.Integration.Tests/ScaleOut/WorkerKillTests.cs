using System.Globalization;

namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>
/// Scale out (issue 5, item 5b): two API and two worker processes; a worker killed with SIGKILL at seeded random moments
/// while creates and actions are in flight, and restarted. <c>CB_KILL_SEED</c> replays a run; <c>CB_KILL_ROUNDS</c> asks
/// for more than the 10 kills.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class WorkerKillTests
{
    private const int MinimumRounds = 10;

    [Fact(Timeout = 300_000)]
    public async Task Sigkilled_workers_lose_nothing_double_nothing_and_leave_no_orphan()
    {
        var services = ScaleOutServices.FromEnvironment();
        var ct = TestContext.Current.CancellationToken;
        var seed = KillSeed.FromEnvironment();
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("CB_KILL_ROUNDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var asked)
            ? Math.Max(MinimumRounds, asked)
            : MinimumRounds;
        var folder = ScenarioFolder.Create("worker-kill", seed);
        var log = folder.Log;
        log.Say($"worker kill test seed {seed}, {rounds} rounds (replay: CB_KILL_SEED={seed}); data in {folder.Path}");

        var reader = MockCloudSettings.Reader(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100));
        var environment = BrokerEnvironment.Create(folder.Path, MockCloudSettings.WithFaults(reader, seed), fastRecovery: true);
        await using (var cluster = await ScaleOutCluster.StartAsync(services, folder.Path, environment, apis: 2, workers: 2, log, ct))
        {
            var started = log.Elapsed;
            var (accepted, drain) = await new WorkerKillScenario(seed, rounds, cluster, reader, log).RunAsync(ct);
            log.Report($"scale-out (b) worker SIGKILL ×{rounds} (2 API + 2 workers, seed {seed}): {accepted} accepted operations all ended, " +
                       $"{drain.TotalSeconds:0.0} s after the last restart; no duplicate, no orphan; scenario {(log.Elapsed - started).TotalSeconds:0} s");
        }

        folder.Passed();
    }
}
