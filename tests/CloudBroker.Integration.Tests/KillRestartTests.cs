using System.Globalization;

namespace CloudBroker.Integration.Tests;

/// <summary>
/// Durable provisioning (issue 4, item 7): the embedded broker, a real process, killed with SIGKILL while accepted work
/// is in flight. <c>CB_KILL_SEED</c> replays a run; <c>CB_KILL_ROUNDS</c> asks for more than the 10 kills.
/// </summary>
public sealed class KillRestartTests
{
    private const int MinimumRounds = 10;

    [Fact(Timeout = 300_000)]
    public async Task Sigkill_while_work_is_in_flight_loses_nothing_doubles_nothing_and_leaves_no_orphan()
    {
        var seed = KillSeed.FromEnvironment();
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("CB_KILL_ROUNDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var asked)
            ? Math.Max(MinimumRounds, asked)
            : MinimumRounds;
        var data = Path.Combine(Path.GetTempPath(), $"cb-kill-{seed}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        var log = new ScenarioLog(Path.Combine(data, "test.log"));

        log.Say($"kill test seed {seed}, {rounds} rounds (replay: CB_KILL_SEED={seed}); data in {data}; API {BrokerAssemblies.Api}");
        var scenario = new KillScenario(seed, rounds, data, log);
        await scenario.RunAsync(TestContext.Current.CancellationToken);
        log.Report($"embedded SIGKILL ×{rounds}: every accepted operation ended, nothing doubled or orphaned, in {log.Elapsed.TotalSeconds:0.0} s (seed {seed})");

        // Passed: the folder is only kept for a failure's post-mortem.
        Directory.Delete(data, recursive: true);
    }
}
