using System.Text;

namespace CloudBroker.Integration.Tests;

/// <summary>
/// Builds a scenario's failure: the seed that replays it, what went wrong, the broker's rows about the instances
/// concerned, and the last lines of the processes' logs. The data folder is kept for a post-mortem.
/// </summary>
internal sealed class ScenarioFailure(int seed, string dataDirectory, IBrokerRows rows, Func<IEnumerable<string>> logPaths, ScenarioLog log)
{
    public Xunit.Sdk.XunitException Build(string message, IEnumerable<string> instanceIds)
    {
        var text = new StringBuilder()
            .AppendLine($"seed {seed} (replay with CB_KILL_SEED={seed}): {message}")
            .AppendLine(rows.Describe(instanceIds));
        foreach (var path in logPaths())
        {
            text.AppendLine($"log {path}, last lines without stack frames:").AppendLine(BrokerProcess.Tail(path, 40));
        }

        log.Say($"FAILED (seed {seed}); the data folder {dataDirectory} is kept for a post-mortem");
        return Xunit.Sdk.FailException.ForFailure(text.ToString());
    }
}
