using System.Diagnostics;
using System.Globalization;

namespace CloudBroker.Integration.Tests;

/// <summary>
/// A scenario's narrative: each line goes to the test's output, to xunit's diagnostic messages, to the console
/// (where <c>dotnet test</c> and tests/run.sh see it) and to a file beside the scenario's data, stamped with the
/// time since the scenario began. <see cref="Report"/> lines start with <c>REPORT: </c>, which tests/run.sh
/// collects into its summary.
/// </summary>
internal sealed class ScenarioLog(string path)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();

    public string Path => path;

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Say(string line) => Write(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,5:0.0} s] {line}"));

    /// <summary>A measured number for the run's summary.</summary>
    public void Report(string line) => Write("REPORT: " + line);

    private void Write(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        TestContext.Current.SendDiagnosticMessage(line);
        Console.WriteLine(line);
        lock (_lock)
        {
            File.AppendAllText(path, line + Environment.NewLine);
        }
    }
}
