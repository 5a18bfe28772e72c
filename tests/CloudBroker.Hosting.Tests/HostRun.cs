using System.Diagnostics;

namespace CloudBroker.Hosting.Tests;

/// <summary>A host started as <c>dotnet &lt;dll&gt;</c> with the given settings, run until it exits (or killed after a timeout).</summary>
internal sealed record HostRun(int ExitCode, string Output)
{
    public static async Task<HostRun> RunAsync(string host, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "services", host, "bin",
            AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug", "net10.0", host + ".dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(Path.GetFullPath(dll));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{host} did not exit within 60 s:\n{await output}{await error}");
        }

        return new HostRun(process.ExitCode, await output + await error);
    }
}
