using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Api.Tests.Telemetry;

/// <summary>
/// Log lines with the trace and span ids the host's logging attaches to them (its activity tracking, which the console
/// shows as a scope): what an operator reads to get from a log line to its trace.
/// </summary>
public sealed class TraceLogLines : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<Line> _lines = new();
    private IExternalScopeProvider? _scopes;

    public IReadOnlyList<Line> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    public sealed record Line(string Category, LogLevel Level, string Message, string? TraceId, string? SpanId);

    private sealed class Logger(string category, TraceLogLines owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string? traceId = null, spanId = null;
            owner._scopes?.ForEachScope(
                (scope, _) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                    {
                        foreach (var (key, value) in values)
                        {
                            traceId = key == "TraceId" ? value?.ToString() : traceId;
                            spanId = key == "SpanId" ? value?.ToString() : spanId;
                        }
                    }
                },
                (object?)null);
            owner._lines.Enqueue(new Line(category, logLevel, formatter(state, exception), traceId, spanId));
        }
    }
}
