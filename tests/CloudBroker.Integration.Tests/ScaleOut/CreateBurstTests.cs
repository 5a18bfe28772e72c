using CloudBroker.Drivers;

namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>
/// Scale out (issue 5, item 5a): two API and two worker processes on PostgreSQL and RabbitMQ; 1,000 creates from 32
/// concurrent clients spread over both APIs become exactly 1,000 running machines at the mock cloud, one per instance,
/// and 1,000 succeeded operations in the broker's database.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class CreateBurstTests
{
    private const int Creates = 1000;
    private const int Clients = 32;

    [Fact(Timeout = 240_000)]
    public async Task Two_apis_and_two_workers_make_exactly_one_running_machine_per_create()
    {
        var services = ScaleOutServices.FromEnvironment();
        var ct = TestContext.Current.CancellationToken;
        var folder = ScenarioFolder.Create("creates", 1);
        var log = folder.Log;
        var reader = MockCloudSettings.Reader(TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        var environment = BrokerEnvironment.ForLoad(folder.Path, reader);
        log.Say($"scale-out creates: {Creates} creates from {Clients} clients over 2 APIs + 2 workers; data in {folder.Path}");

        await using (var cluster = await ScaleOutCluster.StartAsync(services, folder.Path, environment, apis: 2, workers: 2, log, ct))
        {
            await RunAsync(cluster, folder.Path, reader, log, ct);
        }

        folder.Passed();
    }

    private static async Task RunAsync(ScaleOutCluster cluster, string dataDirectory, IReadOnlyDictionary<string, string?> reader, ScenarioLog log, CancellationToken ct)
    {
        const int seed = 1; // nothing random here but the mock's ids
        var failure = new ScenarioFailure(seed, dataDirectory, cluster.Rows, () => cluster.LogPaths, log);
        var planner = new RequestPlanner(seed, MockCloudSettings.ProviderId, new Random(seed), prefix: "burst");
        var work = new AcceptedWork();
        var load = new CreateLoad(planner, work, cluster.Apis);

        var started = log.Elapsed;
        await load.SendAsync(round: 0, Creates, Clients, TimeSpan.Zero, ct);
        var sent = log.Elapsed - started;
        await work.RetryLostAsync(cluster.Api(0), ct);
        if (work.Accepted.Count != Creates || work.Unexpected.Count > 0 || work.Refused.Count > 0)
        {
            throw failure.Build($"{work.Accepted.Count} of {Creates} creates accepted; unexpected: {string.Join("; ", work.Unexpected.Take(5))}; " +
                                $"refused: {string.Join("; ", work.Refused.Take(5))}", []);
        }

        log.Say($"{Creates} creates accepted in {sent.TotalSeconds:0.0} s");
        var operations = await DatabaseWaiter.WaitUntilTerminalAsync(
            cluster.Rows, work.Accepted.Select(a => a.OperationId).ToList(), TimeSpan.FromSeconds(150), failure, cluster.ExitedOnItsOwn, ct);
        var finished = log.Elapsed - started;

        // The broker's database: exactly the accepted operations, every one a succeeded create.
        var notSucceeded = operations.Where(o => o.Status != "Succeeded" || o.Kind != "Create").ToList();
        if (operations.Count != Creates || notSucceeded.Count > 0)
        {
            throw failure.Build($"{operations.Count} operation(s) in the database, {notSucceeded.Count} not a succeeded create: " +
                                string.Join(", ", notSucceeded.GroupBy(o => $"{o.Kind} {o.Status}").Select(g => $"{g.Count()} {g.Key}")),
                                notSucceeded.Take(5).Select(o => o.TargetId));
        }

        // The mock cloud: one running machine per instance, nothing else.
        var (instances, machines) = await CloudCheck.AgreeAsync(cluster.Api(1), dataDirectory, reader, cluster.Rows.InstallationId(),
            PostgresBrokerRows.AsOutcomes(operations), planner, work, TimeSpan.FromSeconds(10), log, failure, ct);
        var running = machines.Where(m => m.State == DriverInstanceState.Running).ToList();
        var tagged = running.Select(m => m.Tags.GetValueOrDefault(BrokerTags.InstanceId)).Distinct().Count();
        Assert.True(
            machines.Count == Creates && running.Count == Creates && tagged == Creates && instances.Count(i => i.State == "running") == Creates,
            $"expected exactly {Creates} running machines for {Creates} running instances; the mock has {machines.Count} machine(s), {running.Count} running, " +
            $"for {tagged} distinct instance(s); the broker lists {instances.Count} instance(s) ({CloudCheck.Count(instances.Select(i => i.State))})");

        var took = operations.Select(o => o.Took).ToList();
        log.Report($"scale-out (a) {Creates} creates from {Clients} clients, 2 API + 2 worker processes: accepted in {sent.TotalSeconds:0.0} s " +
                   $"({Creates / sent.TotalSeconds:0}/s, answer p95 {Durations.Percentile(load.Latencies, 95).TotalMilliseconds:0} ms); " +
                   $"all running after {finished.TotalSeconds:0.0} s ({Creates / finished.TotalSeconds:0} creates/s reaching running); " +
                   $"create→running p50 {Durations.Percentile(took, 50).TotalSeconds:0.00} s, p95 {Durations.Percentile(took, 95).TotalSeconds:0.00} s; " +
                   $"{work.BusyRetries} answers 503 database-busy retried");
    }
}
