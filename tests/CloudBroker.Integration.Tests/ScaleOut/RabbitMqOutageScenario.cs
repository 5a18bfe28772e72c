namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>
/// Creates flow to both APIs at a steady pace from before RabbitMQ is stopped until the end of a <see cref="Outage"/>
/// (the APIs only write the database, so they keep accepting); the node is started again: every create must reach
/// running, once. Measures, from the moment the start script returned, the first completion and the last.
/// </summary>
internal sealed class RabbitMqOutageScenario(ScaleOutServices services, ScaleOutCluster cluster, IReadOnlyDictionary<string, string?> mockReaderSettings, ScenarioLog log)
{
    public static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    private const int Seed = 1;
    private const int Clients = 4;
    private const int MaxCreates = 1000;

    // 4 clients, one create each per 400 ms: 10 creates a second.
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan LeadIn = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan TerminalTimeout = TimeSpan.FromSeconds(150);

    private readonly ScenarioFailure _failure = new(Seed, cluster.DataDirectory, cluster.Rows, () => cluster.LogPaths, log);
    private readonly RequestPlanner _planner = new(Seed, MockCloudSettings.ProviderId, new Random(Seed), prefix: "outage");
    private readonly AcceptedWork _work = new();

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var load = new CreateLoad(_planner, _work, cluster.Apis);
        using var outageOver = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sending = load.SendAsync(round: 1, MaxCreates, Clients, Pause, cancellationToken, outageOver.Token);
        await Task.Delay(LeadIn, cancellationToken);

        var stopping = log.Elapsed;
        await services.RabbitMq.StopAsync(cancellationToken);
        var down = log.Elapsed;
        var acceptedAtStop = _work.Accepted.Count;
        var openAtStop = Open(await cluster.Rows.OperationsAsync(cancellationToken)).Count;
        log.Say($"RabbitMQ stopped (the script took {(down - stopping).TotalSeconds:0.0} s): {acceptedAtStop} creates accepted so far, {openAtStop} of them unfinished");

        await Task.Delay(Outage, cancellationToken);
        await outageOver.CancelAsync();
        await sending;
        var accepted = _work.Accepted.Count;
        if (_work.Unexpected.Count > 0 || _work.Refused.Count > 0 || _work.LostCount > 0)
        {
            throw _failure.Build($"every create must be accepted, the bus down or not: {accepted} accepted, {_work.LostCount} lost; " +
                                 $"unexpected: {string.Join("; ", _work.Unexpected.Take(5))}; refused: {string.Join("; ", _work.Refused.Take(5))}", []);
        }

        var openBeforeStart = Open(await cluster.Rows.OperationsAsync(cancellationToken));
        log.Say($"{accepted - acceptedAtStop} more creates accepted during the outage (answer p95 {Durations.Percentile(load.Latencies, 95).TotalMilliseconds:0} ms); " +
                $"{openBeforeStart.Count} of {accepted} open after {(log.Elapsed - down).TotalSeconds:0.0} s down");
        var starting = log.Elapsed;
        await services.RabbitMq.StartAsync(cancellationToken);
        var upAt = DateTime.UtcNow;
        var up = log.Elapsed;
        log.Say($"RabbitMQ started again (the script took {(up - starting).TotalSeconds:0.0} s)");

        var operations = await DatabaseWaiter.WaitUntilTerminalAsync(
            cluster.Rows, _work.Accepted.Select(a => a.OperationId).ToList(), TerminalTimeout, _failure, cluster.ExitedOnItsOwn, cancellationToken);
        var observed = log.Elapsed - up;
        var reopened = operations.Where(o => openBeforeStart.Contains(o.Id)).ToList();
        var first = reopened.Count == 0 ? TimeSpan.Zero : reopened.Min(o => o.UpdatedAt) - upAt;
        var last = reopened.Count == 0 ? TimeSpan.Zero : reopened.Max(o => o.UpdatedAt) - upAt;
        await CheckAsync(operations, accepted, cancellationToken);

        return $"rabbitmq outage (c): {Outage.TotalSeconds:0} s down (stop script {(down - stopping).TotalSeconds:0.0} s, start script {(up - starting).TotalSeconds:0.0} s); " +
               $"{openAtStop} creates in flight at the stop, {accepted - acceptedAtStop} accepted while down (answer p95 {Durations.Percentile(load.Latencies, 95).TotalMilliseconds:0} ms); " +
               $"from the start script's return: first completion {first.TotalSeconds:0.0} s, all {reopened.Count} open operations done in {last.TotalSeconds:0.0} s " +
               $"(seen by polling after {observed.TotalSeconds:0.0} s); {accepted} running, none lost or doubled";
    }

    private static HashSet<string> Open(IEnumerable<OperationRow> operations) => operations.Where(o => !o.IsTerminal).Select(o => o.Id).ToHashSet();

    /// <summary>Every create succeeded once; the mock cloud has exactly one running machine for each.</summary>
    private async Task CheckAsync(IReadOnlyList<OperationRow> operations, int accepted, CancellationToken cancellationToken)
    {
        var notSucceeded = operations.Where(o => o.Status != "Succeeded").ToList();
        if (operations.Count != accepted || notSucceeded.Count > 0)
        {
            throw _failure.Build($"{operations.Count} operation(s) for {accepted} creates; not succeeded: " +
                                 string.Join(", ", notSucceeded.GroupBy(o => $"{o.Kind} {o.Status}").Select(g => $"{g.Count()} {g.Key}")),
                                 notSucceeded.Take(5).Select(o => o.TargetId));
        }

        var (instances, machines) = await CloudCheck.AgreeAsync(cluster.Api(0), cluster.DataDirectory, mockReaderSettings, cluster.Rows.InstallationId(),
            PostgresBrokerRows.AsOutcomes(operations), _planner, _work, TimeSpan.FromSeconds(10), log, _failure, cancellationToken);
        if (machines.Count != accepted || instances.Count(i => i.State == "running") != accepted)
        {
            throw _failure.Build($"{machines.Count} machine(s) at the mock and {instances.Count} instance(s) " +
                                 $"({CloudCheck.Count(instances.Select(i => i.State))}) for {accepted} creates", []);
        }
    }
}
