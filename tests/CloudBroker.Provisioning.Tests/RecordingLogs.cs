using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Provisioning.Tests;

/// <summary>A logger provider that keeps every entry, for tests that wait for a line and look at its level.</summary>
internal sealed class RecordingLogs : ILoggerProvider
{
    private readonly Channel<LogEntry> _entries = Channel.CreateUnbounded<LogEntry>();
    private readonly ConcurrentQueue<LogEntry> _all = new();

    /// <summary>The next entry whose message contains <paramref name="text"/> (earlier ones are passed over), within 10 s.</summary>
    public async Task<LogEntry> NextAsync(string text, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            var entry = await _entries.Reader.ReadAsync(timeout.Token);
            if (entry.Message.Contains(text, StringComparison.Ordinal))
            {
                return entry;
            }
        }
    }

    /// <summary>Every entry so far.</summary>
    public IReadOnlyList<LogEntry> All => [.. _all];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Record);

    public void Dispose()
    {
    }

    internal sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception);

    private void Record(LogEntry entry)
    {
        _all.Enqueue(entry);
        _entries.Writer.TryWrite(entry);
    }

    private sealed class Logger(string category, Action<LogEntry> record) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            record(new LogEntry(logLevel, category, formatter(state, exception), exception));
    }
}
