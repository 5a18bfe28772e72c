using System.Globalization;
using CloudBroker.Integration.Tests.ScaleOut;
using Npgsql;

namespace CloudBroker.Integration.Tests.Placement;

/// <summary>
/// Random concurrent claims never exceed capacity × overcommit − headroom (issue 21, item 6), and the counters stay the
/// exact sum of the live claims, through concurrent creates, destroys and failed creates: on the embedded broker
/// (SQLite, one process) and on PostgreSQL with two API processes taking creates for the same rows at once (only the
/// row lock of the conditional UPDATE can keep them exact there). <c>CB_CLAIMS_SEED</c> replays a logged run. In the
/// scale-out collection: both are load on a two-core machine and run alone.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class ClaimRaceTests
{
    private const int Rounds = 5;
    private const int OrdersPerRound = 60;

    [Fact(Timeout = 300_000)]
    public async Task Random_concurrent_claims_never_overcommit_on_sqlite()
    {
        var seed = Seed();
        var folder = ScenarioFolder.Create("claims-sqlite", seed);
        var ct = TestContext.Current.CancellationToken;
        folder.Log.Say($"claims seed {seed} (replay: CB_CLAIMS_SEED={seed}); data in {folder.Path}");
        await using (var broker = await BrokerProcess.StartAsync(
            BrokerAssemblies.Api, folder.Path, Settings(folder.Path), BrokerEnvironment.AdminKey, Path.Combine(folder.Path, "broker.log"), ct))
        {
            await RunAsync([broker.Client], () => SqliteBrokerRows.OpenReadOnly(folder.Path), seed, folder.Log, "SQLite, one process", ct);
        }

        folder.Passed();
    }

    [Fact(Timeout = 300_000)]
    public async Task Random_concurrent_claims_never_overcommit_on_postgres_with_two_api_processes()
    {
        var seed = Seed();
        var services = ScaleOutServices.FromEnvironment();
        var folder = ScenarioFolder.Create("claims-postgres", seed);
        var ct = TestContext.Current.CancellationToken;
        folder.Log.Say($"claims seed {seed} (replay: CB_CLAIMS_SEED={seed}); data in {folder.Path}");
        await using (var cluster = await ScaleOutCluster.StartAsync(services, folder.Path, Settings(folder.Path), apis: 2, workers: 1, folder.Log, ct))
        {
            var connectionString = cluster.Database.AdminConnectionString;
            await RunAsync(cluster.Apis, () => OpenPostgres(connectionString), seed, folder.Log, "PostgreSQL, two API processes", ct);
        }

        folder.Passed();
    }

    private static async Task RunAsync(IReadOnlyList<HttpClient> apis, Func<System.Data.Common.DbConnection> open, int seed, ScenarioLog log, string where, CancellationToken ct)
    {
        var race = new ClaimRace(apis, open, new ClaimPlan(seed), log);
        await race.RunAsync(Rounds, OrdersPerRound, ct);
        var (accepted, refused, destroyed, failed, maxClaims) = race.Totals;
        log.Report($"claims on {where}: {Rounds} rounds of {OrdersPerRound} concurrent creates, {accepted} accepted, {refused} refused for capacity, " +
            $"{destroyed} destroyed, {failed} failed to error, up to {maxClaims} live claims: no row over capacity × overcommit − headroom, counters exact " +
            $"in {log.Elapsed.TotalSeconds:0.0} s (seed {seed})");

        // A run that never filled a row, never gave back or never failed a create proves nothing about those paths.
        Assert.True(refused > 0 && destroyed > 0 && failed > 0 && accepted > 0,
            $"seed {seed}: the workload missed a path (accepted {accepted}, refused {refused}, destroyed {destroyed}, failed {failed})");
    }

    /// <summary>The mock provider that works, answering at once, and a second one whose every create fails (error after one second).</summary>
    private static Dictionary<string, string> Settings(string dataDirectory)
    {
        var environment = BrokerEnvironment.ForLoad(dataDirectory, MockCloudSettings.Reader(TimeSpan.Zero, TimeSpan.FromMilliseconds(50)));
        var failing = $"CloudBroker__Providers__{ClaimPlan.Failing}__";
        environment[failing + "Driver"] = "mock";
        environment[failing + "Faults__Create__FailureRate"] = "1";
        environment[failing + "BuildTimeout"] = "00:00:01";
        environment[failing + "MaxConcurrency"] = "64";
        environment[failing + "RequestsPerSecond"] = "10000";
        environment[failing + "Burst"] = "1000";
        // The failing provider never answers: its circuit would open and refuse its creates and destroys at the API,
        // and this test is about claims, not circuits (CircuitRulesTests): keep it closed.
        environment["CloudBroker__ProviderHealth__FailureThreshold"] = "1000000";
        environment["CloudBroker__Provisioning__RetryBaseDelay"] = "00:00:00.1";
        environment["CloudBroker__Provisioning__MaxRetryDelay"] = "00:00:00.5";
        return environment;
    }

    private static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("CB_CLAIMS_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var given)
            ? given
            : Random.Shared.Next(1, int.MaxValue);

    private static NpgsqlConnection OpenPostgres(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }
}
