using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace CloudBroker.Integration.Tests;

/// <summary>Polls every accepted operation through the API until each is succeeded, failed or cancelled, then tells how they got there.</summary>
internal static class OperationWaiter
{
    public static async Task<Dictionary<string, JsonObject>> WaitUntilTerminalAsync(
        HttpClient client, AcceptedWork work, TimeSpan timeout, ScenarioLog log, ScenarioFailure failure, CancellationToken cancellationToken)
    {
        var accepted = work.Accepted.ToArray();
        var duplicates = accepted.GroupBy(a => a.OperationId).Where(g => g.Count() > 1 && g.Select(a => a.Key).Distinct().Count() > 1).ToList();
        if (duplicates.Count > 0)
        {
            throw failure.Build("one operation answered two different requests: " + string.Join(", ", duplicates.Select(g => g.Key)), []);
        }

        var outcomes = new ConcurrentDictionary<string, JsonObject>();
        var open = accepted.Select(a => a.OperationId).Distinct().ToList();
        var watch = Stopwatch.StartNew();
        log.Say($"waiting for {open.Count} accepted operation(s) to finish");
        while (open.Count > 0)
        {
            await Parallel.ForEachAsync(open, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (id, ct) =>
            {
                var operation = await BrokerCalls.GetJsonAsync(client, "/api/operations/" + id, ct);
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

            if (watch.Elapsed > timeout)
            {
                var stuck = accepted.Where(a => open.Contains(a.OperationId)).ToList();
                throw failure.Build(
                    $"{open.Count} accepted operation(s) not terminal {timeout.TotalSeconds:0} s after the wait began:\n  " +
                    string.Join("\n  ", stuck.Take(20).Select(a => $"{a.Kind} {a.OperationId} on {a.InstanceId} (round {a.Round}, key {a.Key})")),
                    stuck.Select(a => a.InstanceId));
            }

            await Task.Delay(200, cancellationToken);
        }

        Summarize(log, work, outcomes.Values, watch.Elapsed);
        var silent = outcomes.Values.Where(o => (string?)o["status"] == "failed" && o["error"] is null).ToList();
        if (silent.Count > 0)
        {
            throw failure.Build("failed operation(s) without a problem: " + string.Join(", ", silent.Take(10).Select(o => o["id"])), silent.Select(o => (string)o["targetId"]!));
        }

        return new Dictionary<string, JsonObject>(outcomes);
    }

    private static void Summarize(ScenarioLog log, AcceptedWork work, ICollection<JsonObject> outcomes, TimeSpan waited)
    {
        log.Say($"  all terminal after {waited.TotalSeconds:0.0} s: " + string.Join(", ",
            outcomes.GroupBy(o => $"{o["kind"]} {o["status"]}").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}")));
        var steps = outcomes.Select(o => o["steps"]!.AsArray().Select(s => $"{s!["name"]} {s["status"]} {s["detail"]}").ToList()).ToList();
        log.Say($"  recovery paths taken: {work.Accepted.Count(a => a.Replayed)} lost answer(s) replayed, {work.Accepted.Count(a => a.Retried && !a.Replayed)} lost request(s) run on retry, " +
            $"{work.InFlightWaits} wait(s) for a dead claim, {steps.Count(s => s.Any(x => x.StartsWith("swept", StringComparison.Ordinal)))} operation(s) swept, " +
            $"{steps.Count(s => s.Any(x => x.Contains("retrying", StringComparison.Ordinal)))} retried a provider call, " +
            $"{steps.Count(s => s.Any(x => x.Contains("Timeout", StringComparison.Ordinal)))} hit an ambiguous create, " +
            $"{steps.Count(s => s.Any(x => x.Contains("throttled", StringComparison.Ordinal)))} throttled, " +
            $"{steps.Count(s => s.Any(x => x.Contains("already underway", StringComparison.Ordinal)))} found their call already underway");
        foreach (var failed in outcomes.Where(o => (string?)o["status"] == "failed")
                     .GroupBy(o => Answer.Shorten((string?)o["error"]?["detail"] ?? "?", 160)).Take(8))
        {
            log.Say($"    failed ×{failed.Count()}: {failed.Key}");
        }
    }
}
