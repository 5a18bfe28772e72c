using Microsoft.Data.Sqlite;

namespace CloudBroker.Drivers.Mock;

/// <summary>
/// One driver object's connection to the mock cloud's file. Calls through one object take turns (a
/// SQLite connection is single-threaded); other driver objects and processes use their own connection,
/// and SQLite's locks (WAL, busy timeout, <c>BEGIN IMMEDIATE</c> for writes) keep them consistent.
/// </summary>
internal sealed class MockStore : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    private MockStore(SqliteConnection connection) => _connection = connection;

    public string Path => _connection.DataSource;

    public static string PathFor(string dataDirectory, string providerId) =>
        System.IO.Path.Combine(dataDirectory, $"mock-{providerId}.db");

    public static MockStore Open(string path)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,

            // No pooling: each driver object owns a real connection, as a separate process would,
            // and disposing the driver really closes the file.
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            MockSchema.Apply(connection);
            return new MockStore(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in a read snapshot.</summary>
    public Task<T> ReadAsync<T>(Func<MockSession, T> work, CancellationToken cancellationToken) =>
        RunAsync(work, deferred: true, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a <c>BEGIN IMMEDIATE</c> transaction: the write lock is taken up front,
    /// so a read-then-write (token lookup, then insert) can never interleave with another process's.
    /// The transaction commits only if <paramref name="work"/> returns; an exception rolls it back.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<MockSession, T> work, CancellationToken cancellationToken) =>
        RunAsync(work, deferred: false, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            await _connection.DisposeAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<T> RunAsync<T>(Func<MockSession, T> work, bool deferred, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _connection.BeginTransaction(deferred);
            var result = work(new MockSession(_connection, transaction));
            transaction.Commit();
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }
}
