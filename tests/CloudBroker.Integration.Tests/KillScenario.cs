using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CloudBroker.Drivers;

namespace CloudBroker.Integration.Tests;

/// <summary>
/// Rounds of "start the broker, send a burst of creates and actions from several clients, SIGKILL it at a random
/// moment", then one last start that must finish every accepted operation with nothing doubled or left behind at
/// the mock cloud. Every random choice (kill moment, request mix, pauses, the mock's fault dice) comes from one seed.
/// </summary>
internal sealed class KillScenario
{
    public const string AdminKey = "cb-integration-admin-key-7c41e9a02b5d";
    private const string ProviderId = "mock";
    private const int Clients = 4;

    private static readonly TimeSpan TerminalTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    private readonly int _seed;
    private readonly int _rounds;
    private readonly Random _random;
    private readonly Action<string> _say;
    private readonly Dictionary<string, string?> _mockReaderSettings;
    private readonly Dictionary<string, string> _environment;
    private readonly ConcurrentBag<AcceptedOperation> _accepted = [];
    private readonly ConcurrentBag<PlannedRequest> _lost = [];
    private readonly ConcurrentBag<string> _unexpected = [];
    private readonly ConcurrentBag<string> _refused = [];
    private readonly RequestPlanner _planner;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _starts;
    private int _inFlightWaits;

    public KillScenario(int seed, int rounds, string dataDirectory, Action<string> say)
    {
        _seed = seed;
        _rounds = rounds;
        _random = new Random(seed);
        _planner = new RequestPlanner(seed, ProviderId, _random);
        _say = say;
        DataDirectory = dataDirectory;
        BrokerLog = Path.Combine(dataDirectory, "broker.log");

        // The mock provider: fast, with faults that a correct broker survives (ambiguous creates, throttling,
        // failing reads and actions). The reader in the test uses the same delays but no faults.
        _mockReaderSettings = new Dictionary<string, string?>
        {
            ["Driver"] = "mock",
            ["BootDelay"] = "00:00:00.2",
            ["StopDelay"] = "00:00:00.1",
            ["StartDelay"] = "00:00:00.1",
            ["RebootDelay"] = "00:00:00.1",
            ["DestroyDelay"] = "00:00:00.1",
        };
        var mock = new Dictionary<string, string?>(_mockReaderSettings)
        {
            ["Seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["Faults:Create:FailAfterCreateRate"] = "0.2",
            ["Faults:Create:ThrottleRate"] = "0.1",
            ["Faults:Create:ThrottleRetryAfter"] = "00:00:00.2",
            ["Faults:Get:FailureRate"] = "0.05",
            ["Faults:Stop:FailureRate"] = "0.05",
            ["Faults:Start:FailureRate"] = "0.05",
            ["Faults:Destroy:FailureRate"] = "0.05",
        };

        _environment = new Dictionary<string, string>
        {
            ["CloudBroker__DataDirectory"] = dataDirectory,
            ["CloudBroker__BootstrapAdminKey"] = AdminKey,
            ["CloudBroker__Providers__libvirt__Enabled"] = "false",
            ["CloudBroker__Provisioning__PollInterval"] = "00:00:00.05",
            ["CloudBroker__Provisioning__LeaseLength"] = "00:00:01",
            ["CloudBroker__Provisioning__SweepInterval"] = "00:00:00.5",
            ["CloudBroker__Provisioning__RetryBaseDelay"] = "00:00:00.05",
            ["CloudBroker__Provisioning__MaxRetryDelay"] = "00:00:00.5",
            ["CloudBroker__Outbox__PollInterval"] = "00:00:00.1",
            ["CloudBroker__Outbox__ClaimLease"] = "00:00:01",

            // A claim whose request died with the process is taken over after this; the retries below wait it out.
            ["CloudBroker__Idempotency__Lease"] = "00:00:02",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in mock)
        {
            _environment[$"CloudBroker__Providers__{ProviderId}__" + key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }
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
            Fail($"{ex.GetType().Name}: {ex.Message}", []);
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
            var outcomes = await WaitUntilTerminalAsync(broker, cancellationToken);
            await CheckTheCloudAsync(broker, outcomes, cancellationToken);
        }

        if (!_unexpected.IsEmpty)
        {
            Fail("answers that break the API's contract:\n  " + string.Join("\n  ", _unexpected.Take(30)), []);
        }
    }

    private async Task<BrokerProcess> StartAsync(CancellationToken cancellationToken)
    {
        var started = _clock.Elapsed;
        try
        {
            var broker = await BrokerProcess.StartAsync(DataDirectory, _environment, AdminKey, BrokerLog, cancellationToken);
            _starts++;
            Say($"start {_starts}: pid {broker.ProcessId} ready in {(_clock.Elapsed - started).TotalSeconds:0.0} s");
            return broker;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            Fail($"start {_starts + 1} failed: {ex.Message}", []);
            throw;
        }
    }

    /// <summary>Sends again, with the same key, every request whose answer the last kill swallowed.</summary>
    private async Task RetryLostAsync(BrokerProcess broker, CancellationToken cancellationToken)
    {
        var lost = _lost.ToArray();
        _lost.Clear();
        foreach (var request in lost)
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                var answer = await BrokerCalls.SendAsync(broker.Client, request, cancellationToken);
                if (answer is null)
                {
                    _unexpected.Add($"retry of {request}: the connection failed with no kill");
                    break;
                }

                if (answer.Status == 409 && answer.ProblemType == "/problems/idempotency-in-flight" && watch.Elapsed < TimeSpan.FromSeconds(20))
                {
                    // The first attempt's claim outlived its process: wait until its lease lets us take it over.
                    Interlocked.Increment(ref _inFlightWaits);
                    var retryAfter = (int?)(Answer.TryParse(answer.Body)?["retryAfter"]) ?? 1;
                    await Task.Delay(TimeSpan.FromSeconds(Math.Clamp(retryAfter, 1, 5)), cancellationToken);
                    continue;
                }

                Record(request, answer, retried: true);
                break;
            }
        }

        if (lost.Length > 0)
        {
            Say($"  retried {lost.Length} request(s) whose answer was lost");
        }
    }

    private async Task BurstAndKillAsync(BrokerProcess broker, int round, CancellationToken cancellationToken)
    {
        var instances = await BrokerCalls.ListInstancesAsync(broker.Client, cancellationToken);
        var candidates = instances.Where(i => i.State is "running" or "stopped").OrderBy(i => i.Id, StringComparer.Ordinal).ToList();
        var killAfter = TimeSpan.FromMilliseconds(_random.Next(50, 1501));
        var count = _random.Next(10, 31);
        var plans = Enumerable.Range(0, Clients).Select(_ => new List<(TimeSpan Pause, PlannedRequest Request)>()).ToArray();
        for (var i = 0; i < count; i++)
        {
            var request = candidates.Count > 0 && _random.NextDouble() < 0.45
                ? _planner.Action(round, i, RequestPlanner.Take(candidates))
                : _planner.Create(round, i);
            plans[i % Clients].Add((TimeSpan.FromMilliseconds(_random.Next(10, 200)), request));
        }

        var acceptedBefore = _accepted.Count;
        using var killed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sent = 0;
        var clients = plans.Select(plan => Task.Run(
            async () =>
            {
                foreach (var (pause, request) in plan)
                {
                    try
                    {
                        await Task.Delay(pause, killed.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return; // killed: the rest of this client's plan is never sent
                    }

                    Interlocked.Increment(ref sent);

                    // Not cancelled by the kill: the request stays in flight until the dead process drops its connection.
                    var answer = await BrokerCalls.SendAsync(broker.Client, request, cancellationToken);
                    if (answer is null)
                    {
                        _lost.Add(request);
                    }
                    else
                    {
                        Record(request, answer, retried: false);
                    }
                }
            },
            cancellationToken)).ToArray();

        await Task.Delay(killAfter, cancellationToken);
        if (broker.HasExited)
        {
            Fail($"round {round}: the broker exited on its own before the kill", []);
        }

        broker.Kill();
        await killed.CancelAsync();
        await Task.WhenAll(clients);
        Say($"round {round}: {count} planned, {sent} sent, {_accepted.Count - acceptedBefore} accepted, {_lost.Count} lost; SIGKILL after {killAfter.TotalMilliseconds:0} ms");
    }

    /// <summary>A 202 becomes an accepted operation (after checking its headers); anything else is a refusal or a contract break.</summary>
    private void Record(PlannedRequest request, Answer answer, bool retried)
    {
        if (answer.Status == 202)
        {
            var (operationId, targetId, problems) = AcceptedAnswer.Inspect(request, answer);
            if (problems.Count > 0)
            {
                _unexpected.Add($"{request} → {answer}: {string.Join("; ", problems)}");
                return;
            }

            _accepted.Add(new AcceptedOperation(operationId!, request.Kind, targetId!, request.Name, request.Round, request.Key, retried, answer.Replayed));
            return;
        }

        if (retried && !answer.Replayed)
        {
            // A retry either replays what the first attempt answered or runs it for the first time, and the
            // first time would have been accepted (each instance gets one request per round).
            _unexpected.Add($"retry of {request} → {answer}: neither accepted nor the replay of an earlier answer");
        }
        else if (answer.Status >= 500)
        {
            _unexpected.Add($"{request} → {answer}");
        }
        else
        {
            _refused.Add($"{request} → {answer}");
        }
    }

    /// <summary>Polls every accepted operation until each is succeeded, failed or cancelled.</summary>
    private async Task<Dictionary<string, JsonObject>> WaitUntilTerminalAsync(BrokerProcess broker, CancellationToken cancellationToken)
    {
        var accepted = _accepted.ToArray();
        var duplicates = accepted.GroupBy(a => a.OperationId).Where(g => g.Count() > 1 && g.Select(a => a.Key).Distinct().Count() > 1).ToList();
        if (duplicates.Count > 0)
        {
            _unexpected.Add("one operation answered two different requests: " + string.Join(", ", duplicates.Select(g => g.Key)));
        }

        var outcomes = new ConcurrentDictionary<string, JsonObject>();
        var open = accepted.Select(a => a.OperationId).Distinct().ToList();
        var started = _clock.Elapsed;
        Say($"final start: waiting for {open.Count} accepted operation(s) to finish");
        while (open.Count > 0)
        {
            await Parallel.ForEachAsync(open, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (id, ct) =>
            {
                var operation = await BrokerCalls.GetJsonAsync(broker.Client, "/api/operations/" + id, ct);
                if (BrokerCalls.TerminalStatuses.Contains((string?)operation["status"]))
                {
                    outcomes[id] = operation;
                }
            });
            open.RemoveAll(outcomes.ContainsKey);
            if (open.Count == 0)
            {
                break;
            }

            if (_clock.Elapsed - started > TerminalTimeout)
            {
                var stuck = accepted.Where(a => open.Contains(a.OperationId)).ToList();
                Fail(
                    $"{open.Count} accepted operation(s) not terminal {TerminalTimeout.TotalSeconds:0} s after the last restart:\n  " +
                    string.Join("\n  ", stuck.Take(20).Select(a => $"{a.Kind} {a.OperationId} on {a.InstanceId} (round {a.Round}, key {a.Key})")),
                    stuck.Select(a => a.InstanceId));
            }

            await Task.Delay(200, cancellationToken);
        }

        Say($"  all terminal after {(_clock.Elapsed - started).TotalSeconds:0.0} s: " + string.Join(", ",
            outcomes.Values.GroupBy(o => $"{o["kind"]} {o["status"]}").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}")));
        var steps = outcomes.Values.Select(o => o["steps"]!.AsArray().Select(s => $"{s!["name"]} {s["status"]} {s["detail"]}").ToList()).ToList();
        Say($"  recovery paths taken: {_accepted.Count(a => a.Replayed)} lost answer(s) replayed, {_accepted.Count(a => a.Retried && !a.Replayed)} lost request(s) run on retry, " +
            $"{_inFlightWaits} wait(s) for a dead claim, {steps.Count(s => s.Any(x => x.StartsWith("swept", StringComparison.Ordinal)))} operation(s) swept, " +
            $"{steps.Count(s => s.Any(x => x.Contains("retrying", StringComparison.Ordinal)))} retried a provider call, " +
            $"{steps.Count(s => s.Any(x => x.Contains("Timeout", StringComparison.Ordinal)))} hit an ambiguous create, " +
            $"{steps.Count(s => s.Any(x => x.Contains("throttled", StringComparison.Ordinal)))} throttled, " +
            $"{steps.Count(s => s.Any(x => x.Contains("already underway", StringComparison.Ordinal)))} found their call already underway");
        foreach (var failure in outcomes.Values.Where(o => (string?)o["status"] == "failed")
                     .GroupBy(o => Answer.Shorten((string?)o["error"]?["detail"] ?? "?", 160)).Take(8))
        {
            Say($"    failed ×{failure.Count()}: {failure.Key}");
        }

        return new Dictionary<string, JsonObject>(outcomes);
    }

    /// <summary>
    /// The mock cloud against the API: one machine at most per instance, ever; a live machine only for an instance that
    /// is running or stopped (never for one in error, terminated or unknown); and exactly one for each of those.
    /// Compensation of a failed create runs after the create's operation ends, so this waits a little for it.
    /// </summary>
    private async Task CheckTheCloudAsync(BrokerProcess broker, Dictionary<string, JsonObject> outcomes, CancellationToken cancellationToken)
    {
        var installationId = BrokerData.InstallationId(DataDirectory);
        var started = _clock.Elapsed;
        while (true)
        {
            var instances = await BrokerCalls.ListInstancesAsync(broker.Client, cancellationToken);
            var machines = await BrokerData.MockMachinesAsync(DataDirectory, ProviderId, _mockReaderSettings, installationId, cancellationToken);
            var (violations, concerned) = CloudInvariants.Check(installationId, instances, machines, outcomes, _planner.Names,
                _accepted.Where(a => a.Kind == "create").Select(a => (a.OperationId, a.Name, a.InstanceId)));
            if (violations.Count == 0)
            {
                Say($"cloud check: {instances.Count} instance(s) ({Count(instances.Select(i => i.State))}); {machines.Count} machine(s) at the mock " +
                    $"({Count(machines.Select(m => m.State.ToString().ToLowerInvariant()))}); {_refused.Count} refusal(s); total {_clock.Elapsed.TotalSeconds:0.0} s");
                foreach (var refusal in _refused.Take(5))
                {
                    Say("    refused: " + refusal);
                }

                return;
            }

            if (_clock.Elapsed - started > SettleTimeout)
            {
                Fail($"the mock cloud disagrees with the broker {SettleTimeout.TotalSeconds:0} s after every operation ended:\n  " +
                     string.Join("\n  ", violations.Take(30)), concerned);
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private static string Count(IEnumerable<string> values) =>
        string.Join(", ", values.GroupBy(v => v).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));

    /// <summary>Fails with the seed, the violations, the broker's rows about the instances concerned and the broker's log tail.</summary>
    private void Fail(string message, IEnumerable<string> instanceIds)
    {
        var text = new StringBuilder()
            .AppendLine($"seed {_seed} (replay with CB_KILL_SEED={_seed}): {message}")
            .AppendLine(BrokerData.Describe(DataDirectory, instanceIds))
            .AppendLine($"broker log ({BrokerLog}), last lines without stack frames:")
            .AppendLine(BrokerProcess.Tail(BrokerLog, 40))
            .ToString();
        Say($"FAILED (seed {_seed}); the data folder {DataDirectory} is kept for a post-mortem");
        Assert.Fail(text);
    }

    private void Say(string line) => _say($"[{_clock.Elapsed.TotalSeconds,5:0.0} s] {line}");

    private sealed record AcceptedOperation(
        string OperationId, string Kind, string InstanceId, string? Name, int Round, string Key, bool Retried, bool Replayed);
}
