namespace CloudBroker.Integration.Tests;

/// <summary>
/// Rounds of "start the broker, send a burst of creates and actions from several clients, SIGKILL it at a random
/// moment", then one last start that must finish every accepted operation with nothing doubled or left behind at
/// the mock cloud. Every random choice (kill moment, request mix, pauses, the mock's fault dice) comes from one seed.
/// </summary>
internal sealed class KillScenario
{
    private const int Clients = 4;

    private static readonly TimeSpan TerminalTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    private readonly int _rounds;
    private readonly Random _random;
    private readonly ScenarioLog _log;
    private readonly Dictionary<string, string?> _mockReaderSettings;
    private readonly Dictionary<string, string> _environment;
    private readonly AcceptedWork _work = new();
    private readonly RequestPlanner _planner;
    private readonly SqliteBrokerRows _rows;
    private readonly ScenarioFailure _failure;
    private int _starts;

    public KillScenario(int seed, int rounds, string dataDirectory, ScenarioLog log)
    {
        _rounds = rounds;
        _random = new Random(seed);
        _planner = new RequestPlanner(seed, MockCloudSettings.ProviderId, _random);
        _log = log;
        DataDirectory = dataDirectory;
        BrokerLog = Path.Combine(dataDirectory, "broker.log");
        _rows = new SqliteBrokerRows(dataDirectory);
        _failure = new ScenarioFailure(seed, dataDirectory, _rows, () => [BrokerLog], log);

        // The mock provider: fast, with faults that a correct broker survives (ambiguous creates, throttling,
        // failing reads and actions). The reader in the test uses the same delays but no faults.
        _mockReaderSettings = MockCloudSettings.Reader(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100));
        _environment = BrokerEnvironment.Create(dataDirectory, MockCloudSettings.WithFaults(_mockReaderSettings, seed), fastRecovery: true);
    }

    public string DataDirectory { get; }

    public string BrokerLog { get; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunRoundsAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException && !cancellationToken.IsCancellationRequested)
        {
            // An answer the scenario cannot use (an accepted operation that 404s, a list that fails): report it with the seed.
            throw _failure.Build($"{ex.GetType().Name}: {ex.Message}", []);
        }
    }

    private async Task RunRoundsAsync(CancellationToken cancellationToken)
    {
        for (var round = 1; round <= _rounds; round++)
        {
            await using var broker = await StartAsync(cancellationToken);
            await RetryLostAsync(broker, cancellationToken);
            await BurstAndKillAsync(broker, round, cancellationToken);
        }

        await using (var broker = await StartAsync(cancellationToken))
        {
            await RetryLostAsync(broker, cancellationToken);
            _log.Say("final start");
            var outcomes = await OperationWaiter.WaitUntilTerminalAsync(broker.Client, _work, TerminalTimeout, _log, _failure, cancellationToken);
            await CloudCheck.AgreeAsync(broker.Client, DataDirectory, _mockReaderSettings, _rows.InstallationId(), outcomes, _planner, _work,
                SettleTimeout, _log, _failure, cancellationToken);
        }

        if (_work.Unexpected.Count > 0)
        {
            throw _failure.Build("answers that break the API's contract:\n  " + string.Join("\n  ", _work.Unexpected.Take(30)), []);
        }
    }

    private async Task<BrokerProcess> StartAsync(CancellationToken cancellationToken)
    {
        var started = _log.Elapsed;
        try
        {
            var broker = await BrokerProcess.StartAsync(BrokerAssemblies.Api, DataDirectory, _environment, BrokerEnvironment.AdminKey, BrokerLog, cancellationToken);
            _starts++;
            _log.Say($"start {_starts}: pid {broker.ProcessId} ready in {(_log.Elapsed - started).TotalSeconds:0.0} s");
            return broker;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            throw _failure.Build($"start {_starts + 1} failed: {ex.Message}", []);
        }
    }

    /// <summary>Sends again, with the same key, every request whose answer the last kill swallowed.</summary>
    private async Task RetryLostAsync(BrokerProcess broker, CancellationToken cancellationToken)
    {
        var retried = await _work.RetryLostAsync(broker.Client, cancellationToken);
        if (retried > 0)
        {
            _log.Say($"  retried {retried} request(s) whose answer was lost");
        }
    }

    private async Task BurstAndKillAsync(BrokerProcess broker, int round, CancellationToken cancellationToken)
    {
        var instances = await BrokerCalls.ListInstancesAsync(broker.Client, cancellationToken);
        var killAfter = TimeSpan.FromMilliseconds(_random.Next(50, 1501));
        var count = _random.Next(10, 31);
        var burst = new RequestBurst(_planner.Burst(round, instances, count, Clients), _ => broker.Client, _work);
        var acceptedBefore = _work.Accepted.Count;
        using var killed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Not cancelled by the kill: a request already sent stays in flight until the dead process drops its connection.
        var sending = burst.SendAsync(killed.Token, cancellationToken);
        await Task.Delay(killAfter, cancellationToken);
        if (broker.HasExited)
        {
            throw _failure.Build($"round {round}: the broker exited on its own before the kill", []);
        }

        broker.Kill();
        await killed.CancelAsync();
        await sending;
        _log.Say($"round {round}: {count} planned, {burst.Sent} sent, {_work.Accepted.Count - acceptedBefore} accepted, {_work.LostCount} lost; SIGKILL after {killAfter.TotalMilliseconds:0} ms");
    }
}
