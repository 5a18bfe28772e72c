using System.Diagnostics;

namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>Waits, reading PostgreSQL (cheap for a thousand operations), until every accepted operation is terminal.</summary>
internal static class DatabaseWaiter
{
    public static async Task<IReadOnlyList<OperationRow>> WaitUntilTerminalAsync(
        PostgresBrokerRows rows, IReadOnlyCollection<string> operationIds, TimeSpan timeout, ScenarioFailure failure, Func<string?> processDied, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var all = await rows.OperationsAsync(cancellationToken);
            var byId = all.ToDictionary(r => r.Id);
            var missing = operationIds.Where(id => !byId.ContainsKey(id)).ToList();
            if (missing.Count > 0)
            {
                throw failure.Build($"{missing.Count} accepted operation(s) are not in the database: {string.Join(", ", missing.Take(10))}", []);
            }

            var open = operationIds.Select(id => byId[id]).Where(r => !r.IsTerminal).ToList();
            if (open.Count == 0)
            {
                return all;
            }

            if (processDied() is { } died)
            {
                throw failure.Build($"{died} while {open.Count} operation(s) were open", open.Take(5).Select(r => r.TargetId));
            }

            if (watch.Elapsed > timeout)
            {
                throw failure.Build(
                    $"{open.Count} accepted operation(s) not terminal after {timeout.TotalSeconds:0} s: " +
                    string.Join(", ", open.GroupBy(r => $"{r.Kind} {r.Status}").Select(g => $"{g.Count()} {g.Key}")),
                    open.Take(5).Select(r => r.TargetId));
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
