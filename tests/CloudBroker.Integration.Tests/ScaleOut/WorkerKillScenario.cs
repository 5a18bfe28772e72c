namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>
/// Rounds of "send a burst of creates and actions to both APIs and SIGKILL a running worker at a random moment"; each
/// killed worker is started again after a random pause, in the background (a start takes seconds: the next rounds go on
/// meanwhile, on the workers that are up, or with none). Then every accepted operation must end (succeeded, or failed
/// with a problem), with no duplicate and no orphan at the mock cloud. The APIs are never killed, so every answer
/// arrives. Leases are short: the sweeper re-drives the steps a dead worker held, and another dispatcher takes over its
/// outbox claims. Every random choice (kill moment, victim, pause, request mix, the mock's fault dice) comes from one seed.
/// </summary>
internal sealed class WorkerKillScenario(int seed, int rounds, ScaleOutCluster cluster, IReadOnlyDictionary<string, string?> mockReaderSettings, ScenarioLog log)
{
    private const int Clients = 8;
    private const int WarmUpCreates = 24;

    private static readonly TimeSpan TerminalTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(15);

    private readonly Random _random = new(seed);
    private readonly AcceptedWork _work = new();
    private readonly ScenarioFailure _failure = new(seed, cluster.DataDirectory, cluster.Rows, () => cluster.LogPaths, log);
    private readonly Dictionary<int, Task> _restarts = [];
    private RequestPlanner? _planner;

    public async Task<(int Accepted, TimeSpan Drain)> RunAsync(CancellationToken cancellationToken)
    {
        _planner = new RequestPlanner(seed, MockCloudSettings.ProviderId, _random, prefix: "wkill");
        try
        {
            await WarmUpAsync(cancellationToken);
            for (var round = 1; round <= rounds; round++)
            {
                await BurstAndKillAsync(round, cancellationToken);
            }

            await Task.WhenAll(_restarts.Values);
            var drainStarted = log.Elapsed;
            log.Say("every worker is up again");
            await _work.RetryLostAsync(cluster.Api(0), cancellationToken);
            var outcomes = await OperationWaiter.WaitUntilTerminalAsync(cluster.Api(0), _work, TerminalTimeout, log, _failure, cancellationToken);
            var drain = log.Elapsed - drainStarted;
            await CloudCheck.AgreeAsync(cluster.Api(1), cluster.DataDirectory, mockReaderSettings, cluster.Rows.InstallationId(), outcomes, _planner, _work,
                SettleTimeout, log, _failure, cancellationToken);
            if (_work.Unexpected.Count > 0)
            {
                throw _failure.Build("answers that break the API's contract:\n  " + string.Join("\n  ", _work.Unexpected.Take(30)), []);
            }

            return (outcomes.Count, drain);
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException && !cancellationToken.IsCancellationRequested)
        {
            throw _failure.Build($"{ex.GetType().Name}: {ex.Message}", []);
        }
        finally
        {
            // No start may outlive the scenario (the cluster kills the processes it knows when it is disposed).
            await Task.WhenAll(_restarts.Values).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Machines for the first rounds' actions: creates, finished before the first kill.</summary>
    private async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        await new RequestBurst(_planner!.Burst(0, [], WarmUpCreates, Clients), cluster.Api, _work).SendAsync(CancellationToken.None, cancellationToken);
        await DatabaseWaiter.WaitUntilTerminalAsync(
            cluster.Rows, _work.Accepted.Select(a => a.OperationId).ToList(), TerminalTimeout, _failure, cluster.ExitedOnItsOwn, cancellationToken);
        log.Say($"warm-up: {WarmUpCreates} creates ended");
    }

    private async Task BurstAndKillAsync(int round, CancellationToken cancellationToken)
    {
        var instances = await BrokerCalls.ListInstancesAsync(cluster.Api(round), cancellationToken);
        var killAfter = TimeSpan.FromMilliseconds(_random.Next(50, 1501));
        var count = _random.Next(10, 31);
        var pick = _random.Next(cluster.WorkerCount);
        var downFor = TimeSpan.FromMilliseconds(_random.Next(0, 1001));
        var burst = new RequestBurst(_planner!.Burst(round, instances, count, Clients), cluster.Api, _work);
        var acceptedBefore = _work.Accepted.Count;

        var sending = burst.SendAsync(CancellationToken.None, cancellationToken);
        await Task.Delay(killAfter, cancellationToken);
        var victim = await RunningWorkerAsync(pick);
        await cluster.KillWorkerAsync(victim);
        var sentAtKill = burst.Sent;
        _restarts[victim] = RestartAsync(victim, round, downFor, cancellationToken);
        await sending;
        if (cluster.ExitedOnItsOwn() is { } died)
        {
            throw _failure.Build($"round {round}: {died}", []);
        }

        log.Say($"round {round}: {count} planned, {sentAtKill} sent before worker {victim + 1} got SIGKILL after {killAfter.TotalMilliseconds:0} ms, " +
                $"{_work.Accepted.Count - acceptedBefore} accepted; its start begins in {downFor.TotalMilliseconds:0} ms");
    }

    /// <summary>The picked worker if it is up, else the next one that is, else the first to come back.</summary>
    private async Task<int> RunningWorkerAsync(int pick)
    {
        while (true)
        {
            foreach (var index in Enumerable.Range(0, cluster.WorkerCount).Select(i => (pick + i) % cluster.WorkerCount))
            {
                if (cluster.IsWorkerRunning(index))
                {
                    return index;
                }
            }

            await await Task.WhenAny(_restarts.Values); // a start that failed fails the scenario
        }
    }

    private async Task RestartAsync(int index, int round, TimeSpan downFor, CancellationToken cancellationToken)
    {
        await Task.Delay(downFor, cancellationToken);
        var starting = log.Elapsed;
        await cluster.RestartWorkerAsync(index, cancellationToken);
        log.Say($"  worker {index + 1} (killed in round {round}) ready again after {(log.Elapsed - starting).TotalSeconds:0.0} s");
    }
}
