using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Api.Tests.Infrastructure;

/// <summary>Every log line the API writes, at every level, with exceptions in full: for tests that prove what never appears in logs.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public string Text => string.Join('\n', _lines);

    public int Count => _lines.Count;

    /// <summary>The lines so far, each <c>"&lt;level&gt; &lt;category&gt;: &lt;message&gt; …"</c>.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {state} {exception}");
    }
}
