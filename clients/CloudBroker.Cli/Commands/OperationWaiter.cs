using System.Diagnostics;
using System.Text.Json.Nodes;
using CloudBroker.Cli.Client.Models;
using CloudBroker.Cli.Output;

namespace CloudBroker.Cli.Commands;

/// <summary>
/// <c>--wait</c>: polls the operation a 202 returned until it ends. On a terminal it redraws one progress line on
/// standard error (kind, target, status, the latest step); otherwise it prints nothing until the end.
/// </summary>
internal static class OperationWaiter
{
    private static readonly HashSet<string> Ended = ["succeeded", "failed", "cancelled"];

    /// <summary>The operation as it ended, or <c>null</c> when <paramref name="timeout"/> ran out first.</summary>
    public static async Task<OperationModel?> WaitAsync(CliSession session, OperationModel operation, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var environment = session.Environment;
        var drawn = false;
        while (!Ended.Contains(operation.Status ?? ""))
        {
            if (environment.IsTerminal)
            {
                var step = operation.Steps?.LastOrDefault();
                var line = $"{operation.Kind} {operation.TargetId}: {operation.Status}{(step is null ? "" : $" — {step.Name} {step.Status}")} ({clock.Elapsed.TotalSeconds:0}s)";
                environment.Error.Write("\r" + line.PadRight(78));
                drawn = true;
            }

            if (clock.Elapsed >= timeout)
            {
                Finish(environment, drawn);
                return null;
            }

            await Task.Delay(environment.PollInterval, cancellationToken);
            operation = await session.Client.Api.Operations[operation.Id!].GetAsync(cancellationToken: cancellationToken) ?? operation;
        }

        Finish(environment, drawn);
        return operation;
    }

    /// <summary>Prints how a waited operation ended and returns the exit code: its error when it failed.</summary>
    public static int Report(CliSession session, OperationModel? ended, OperationModel started, TimeSpan timeout)
    {
        var error = session.Environment.Error;
        if (ended is null)
        {
            error.WriteLine($"error: operation {started.Id} ({started.Kind} {started.TargetId}) had not ended after {timeout}; it goes on: cloudbroker operations show {started.Id}");
            return ExitCodes.WaitTimedOut;
        }

        if (ended.Status == "succeeded")
        {
            return ExitCodes.Ok;
        }

        error.WriteLine($"operation {ended.Id} ({ended.Kind} {ended.TargetId}) {ended.Status}");
        if (ended.Error is { } problem)
        {
            ProblemPresenter.Write(error, new JsonObject { ["type"] = problem.Type, ["title"] = problem.Title, ["detail"] = problem.Detail }, problem.Status ?? 0);
        }

        return ExitCodes.OperationFailed;
    }

    private static void Finish(CliEnvironment environment, bool drawn)
    {
        if (drawn)
        {
            environment.Error.WriteLine();
        }
    }
}
