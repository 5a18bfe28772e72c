using System.Diagnostics;

namespace CloudBroker.Api.Tests.Infrastructure;

/// <summary>
/// The API as an operator runs it — <c>dotnet CloudBroker.Api.dll</c>, a fixture's settings as environment variables —
/// until it exits: what a start that fails shows (its exit code and output), which a host inside the test process cannot.
/// </summary>
public sealed record ApiProcess(int ExitCode, string Output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The lines that begin with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> Lines(string prefix) =>
        Output.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    public static async Task<ApiProcess> RunUntilExitAsync(ApiFactory factory)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "services", "CloudBroker.Api", "bin",
            AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug", "net10.0", "CloudBroker.Api.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(Path.GetFullPath(dll));
        foreach (var (key, value) in factory.Settings())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["urls"] = "http://127.0.0.1:0"; // should it start after all, on a port of its own
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the API did not exit within {Timeout.TotalSeconds:0} s:\n{await output}{await error}");
        }

        return new ApiProcess(process.ExitCode, await output + await error);
    }
}
