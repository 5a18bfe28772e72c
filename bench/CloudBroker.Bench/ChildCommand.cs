using System.Diagnostics;
using System.Text;

namespace CloudBroker.Bench;

/// <summary>A one-off command run to its end (a migration, <c>pgbench</c>, <c>rabbitmqctl</c>): its exit code and everything it wrote.</summary>
internal static class ChildCommand
{
    public static async Task<string> RunAsync(
        string file, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = Process.Start(start) ?? throw new BenchException($"could not start {file}");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new BenchException($"{file} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s:{Environment.NewLine}{Text(output)}");
        }

        process.WaitForExit(); // Drains the output events.
        return process.ExitCode == 0
            ? Text(output)
            : throw new BenchException($"{file} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:{Environment.NewLine}{Text(output)}");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
