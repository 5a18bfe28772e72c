using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CloudBroker.Bench;

/// <summary>
/// A server under test: <c>dotnet &lt;dll&gt; [args]</c> with the given environment and <c>urls=http://127.0.0.1:&lt;free port&gt;</c>
/// (an environment variable, not <c>--urls</c>: the broker's hosts read their first bare argument as a command), killed on dispose.
/// </summary>
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

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The server's current OS thread count (Linux <c>/proc</c>), or 0 where that cannot be read.</summary>
    public int Threads
    {
        get
        {
            try
            {
                var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("Threads:", StringComparison.Ordinal));
                return line is not null && int.TryParse(line.AsSpan("Threads:".Length).Trim(), out var n) ? n : 0;
            }
            catch (IOException)
            {
                return 0;
            }
        }
    }

    /// <summary>
    /// Per live thread of the server, the time it has spent runnable but waiting for a CPU (nanoseconds), from Linux
    /// <c>/proc/&lt;pid&gt;/task/*/schedstat</c> (second field); empty where that cannot be read.
    /// </summary>
    public Dictionary<string, long> RunQueueWaits()
    {
        var waits = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
            {
                try
                {
                    var fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                    if (fields.Length > 1 && long.TryParse(fields[1], out var wait))
                    {
                        waits[Path.GetFileName(task)] = wait;
                    }
                }
                catch (IOException)
                {
                    // The thread exited meanwhile.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or the process is gone.
        }

        return waits;
    }

    /// <summary>Run-queue wait of the server's threads since <paramref name="before"/> (threads that exited meanwhile are not counted).</summary>
    public TimeSpan RunQueueWaitSince(IReadOnlyDictionary<string, long> before) =>
        TimeSpan.FromTicks(RunQueueWaits().Sum(t => t.Value - before.GetValueOrDefault(t.Key)) / 100);

    /// <summary>The last lines the server wrote, for an error message.</summary>
    public string LastOutput => Output();

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

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["urls"] = baseUri.ToString().TrimEnd('/');

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
