using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CloudBroker.Bench;

/// <summary>A server under test: <c>dotnet &lt;dll&gt; --urls http://127.0.0.1:&lt;free port&gt;</c>, killed on dispose.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    private ServerProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>CPU time (user + system) the server has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static ServerProcess Start(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(dll))
        {
            throw new BenchException($"{dll} does not exist; build it first (bash bench/run.sh does)");
        }

        var baseUri = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUri.ToString().TrimEnd('/'));
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new BenchException($"could not start dotnet {dll}");
        var server = new ServerProcess(process, baseUri);
        process.OutputDataReceived += (_, e) => server.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Polls <paramref name="path"/> until it answers 200, the process exits, or <paramref name="timeout"/> passes.</summary>
    public async Task WaitReadyAsync(HttpClient client, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new BenchException($"the server exited with {_process.ExitCode}:{Environment.NewLine}{Output()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(BaseUri, path), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new BenchException($"{new Uri(BaseUri, path)} was not ready after {timeout.TotalSeconds} s:{Environment.NewLine}{Output()}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 40)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private string Output()
    {
        lock (_lastLines)
        {
            return string.Join(Environment.NewLine, _lastLines);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal sealed class BenchException(string message) : Exception(message);
