using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace CloudBroker.Integration.Tests;

/// <summary>
/// A real host (<see cref="BrokerAssemblies.Api"/> or <see cref="BrokerAssemblies.Worker"/>) as a child process on a free
/// loopback port, its output appended to a log file. <see cref="Kill"/> sends SIGKILL to the
/// whole tree; disposing kills it too, so a failing test never leaves a broker behind.
/// </summary>
internal sealed class BrokerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();

    private BrokerProcess(Process process, StreamWriter log, Uri baseAddress, string adminKey)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        Client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
    }

    public Uri BaseAddress { get; }

    /// <summary>A client that authenticates as the bootstrap admin.</summary>
    public HttpClient Client { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts the host <paramref name="assemblyPath"/> with <paramref name="environment"/> on a free port and waits until
    /// <c>/readyz</c> answers 200; through <paramref name="launcher"/> (a program and its arguments, e.g. a tracer) when given.
    /// </summary>
    public static async Task<BrokerProcess> StartAsync(
        string assemblyPath,
        string workingDirectory, IReadOnlyDictionary<string, string> environment, string adminKey, string logPath, CancellationToken cancellationToken,
        IReadOnlyList<string>? launcher = null)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(launcher is { Count: > 0 } ? launcher[0] : BrokerAssemblies.DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (launcher is { Count: > 0 })
        {
            foreach (var argument in launcher.Skip(1))
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add(BrokerAssemblies.DotnetHost());
        }

        start.ArgumentList.Add(assemblyPath);
        start.ArgumentList.Add("--urls=" + baseAddress.ToString().TrimEnd('/'));
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), Encoding.UTF8) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var broker = new BrokerProcess(process, log, baseAddress, adminKey);
        process.OutputDataReceived += (_, e) => broker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => broker.Append(e.Data);
        try
        {
            process.Start();
            broker.Append($"==== {DateTime.UtcNow:O} started pid {process.Id} ({Path.GetFileName(assemblyPath)}) on {baseAddress}");
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await broker.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL to the process and its children (<see cref="Process.Kill(bool)"/> on Linux), then waits for the exit.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException($"broker pid {_process.Id} did not exit within 30 s of SIGKILL");
        }

        _process.WaitForExit(); // drains the redirected output into the log
        Append($"==== {DateTime.UtcNow:O} pid {_process.Id} killed (exit code {_process.ExitCode})");
    }

    /// <summary>
    /// SIGTERM, as an orchestrator or <c>systemctl stop</c> sends it, then waits up to <paramref name="timeout"/> for the
    /// process to end by itself; returns its exit code.
    /// </summary>
    public async Task<int> TerminateAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        using var waited = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waited.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(waited.Token); // also drains the redirected output into the log
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"broker pid {_process.Id} did not exit within {timeout.TotalSeconds:0} s of SIGTERM");
        }

        Append($"==== {DateTime.UtcNow:O} pid {_process.Id} stopped by SIGTERM (exit code {_process.ExitCode})");
        return _process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Kill();
        }
        finally
        {
            Client.Dispose();
            _process.Dispose();
            lock (_logLock)
            {
                _log.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The last <paramref name="lines"/> lines of a log file less stack frames, for failure messages.</summary>
    public static string Tail(string logPath, int lines)
    {
        if (!File.Exists(logPath))
        {
            return "(no log)";
        }

        using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n').Where(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal)).ToArray();
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after dispose is dropped.
            }
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                throw new InvalidOperationException($"the broker exited with code {_process.ExitCode} before it was ready");
            }

            try
            {
                using var response = await probe.GetAsync("/readyz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A probe that timed out: try again.
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"the broker (pid {_process.Id}) was not ready within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(25, cancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
