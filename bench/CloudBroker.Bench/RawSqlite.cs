using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace CloudBroker.Bench;

/// <summary>How the raw writers' connections are set up.</summary>
/// <param name="Synchronous"><c>PRAGMA synchronous</c> per connection, or <c>null</c> for SQLite's compiled-in default.</param>
/// <param name="BusyTimeoutMs"><c>PRAGMA busy_timeout</c> per connection, or <c>null</c> for none.</param>
/// <param name="InProcessLock">Whether the writers take turns on a lock of their own around each transaction, so SQLite never finds its lock taken.</param>
internal sealed record SqliteVariant(string Name, string Description, string? Synchronous, int? BusyTimeoutMs, bool InProcessLock = false);

/// <summary>One raw insert run: committed transactions, and the latency of each (BEGIN to COMMIT returned).</summary>
internal sealed record SqliteResult(SqliteVariant Variant, int Writers, TimeSpan Elapsed, long[] SortedTicks)
{
    public double TransactionsPerSecond => SortedTicks.Length / Elapsed.TotalSeconds;

    public double P50Ms => Stats.PercentileMs(SortedTicks, 0.50);

    public double P99Ms => Stats.PercentileMs(SortedTicks, 0.99);

    public double MaxMs => SortedTicks.Length == 0 ? double.NaN : SortedTicks[^1] * 1000.0 / Stopwatch.Frequency;
}

/// <summary>What the SQLite library the harness (and the broker) loads does by default.</summary>
internal sealed record SqliteFacts(string Version, string DefaultSynchronous, string JournalModeAfterSetup, IReadOnlyList<string> RelevantCompileOptions);

/// <summary>
/// Raw SQLite: single-row INSERT transactions into a fresh WAL file in a temporary folder, each insert its own
/// transaction (<c>BeginTransaction()</c>, which Microsoft.Data.Sqlite issues as <c>BEGIN IMMEDIATE</c>, as EF Core's
/// SaveChanges does), from N writer threads each with its own pooled connection. The row has the outbox's shape.
/// </summary>
internal static class RawSqlite
{
    /// <summary>
    /// As the broker's database: EF Core creates it with <c>journal_mode=wal</c> and sets nothing else, so the
    /// connection keeps SQLite's default <c>synchronous</c> and no <c>busy_timeout</c>: a writer that finds the
    /// lock taken gets SQLITE_BUSY at once, and Microsoft.Data.Sqlite retries it after <c>Thread.Sleep(150)</c>.
    /// </summary>
    public static readonly SqliteVariant AsBroker = new("as broker", "WAL, default synchronous, no busy_timeout", null, null);

    /// <summary>The broker's settings, with the writers serialized by an in-process lock: no SQLITE_BUSY, no sleeps.</summary>
    public static readonly SqliteVariant AsBrokerLocked = new("as broker + lock", "WAL, default synchronous, writers take turns on an in-process lock", null, null, InProcessLock: true);

    /// <summary>The broker's settings, but SQLite's own busy handler waits for the lock instead of the 150 ms sleep.</summary>
    public static readonly SqliteVariant BusyTimeout = new("busy_timeout", "WAL, default synchronous, busy_timeout=30000", null, 30_000);

    /// <summary>What the mock driver's own file uses: no fsync per commit in WAL (durable at checkpoints).</summary>
    public static readonly SqliteVariant Normal = new("NORMAL", "WAL, synchronous=NORMAL, busy_timeout=30000", "NORMAL", 30_000);

    private const string Schema = """
        CREATE TABLE outbox (
            Id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            MessageType TEXT NOT NULL,
            Body TEXT NOT NULL,
            CreatedAt TEXT NOT NULL,
            NotBefore TEXT NOT NULL,
            SentAt TEXT NULL,
            LockedUntil TEXT NULL
        );
        CREATE INDEX IX_outbox_SentAt_NotBefore ON outbox (SentAt, NotBefore);
        """;

    private const string Insert = "INSERT INTO outbox (MessageType, Body, CreatedAt, NotBefore) VALUES ($type, $body, $at, $at);";

    public static SqliteFacts Describe()
    {
        var directory = Directory.CreateTempSubdirectory("cloudbroker-bench-sqlite-");
        try
        {
            using var connection = new SqliteConnection(ConnectionString(directory, pooling: false));
            connection.Open();
            var version = Scalar(connection, "SELECT sqlite_version();");
            var synchronous = Scalar(connection, "PRAGMA synchronous;") switch
            {
                "0" => "OFF (0)",
                "1" => "NORMAL (1)",
                "2" => "FULL (2)",
                "3" => "EXTRA (3)",
                var other => other,
            };
            var journal = Scalar(connection, "PRAGMA journal_mode = 'wal';");
            var options = new List<string>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "PRAGMA compile_options;";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var option = reader.GetString(0);
                    if (option.Contains("SYNCHRONOUS", StringComparison.Ordinal) || option.Contains("BUSY", StringComparison.Ordinal)
                        || option.Contains("THREADSAFE", StringComparison.Ordinal) || option.Contains("WAL", StringComparison.Ordinal))
                    {
                        options.Add(option);
                    }
                }
            }

            return new SqliteFacts(version, synchronous, journal, options);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    public static Task<SqliteResult> RunAsync(SqliteVariant variant, int writers, TimeSpan duration, CancellationToken cancellationToken) =>
        Task.Run(() => Run(variant, writers, duration, cancellationToken), cancellationToken);

    private static SqliteResult Run(SqliteVariant variant, int writers, TimeSpan duration, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("cloudbroker-bench-sqlite-");
        var connectionString = ConnectionString(directory, pooling: true);
        try
        {
            // As EF Core's database creator: the file is switched to WAL once, when it is made.
            using (var setup = new SqliteConnection(connectionString))
            {
                setup.Open();
                Execute(setup, "PRAGMA journal_mode = 'wal';");
                Execute(setup, Schema);
            }

            var ticks = new List<long>[writers];
            var failures = new Exception?[writers];
            using var ready = new CountdownEvent(writers);
            using var go = new ManualResetEventSlim();
            var turns = new Lock();
            long end = 0;
            var threads = Enumerable.Range(0, writers).Select(w => new Thread(() =>
            {
                ticks[w] = new List<long>(64 * 1024);
                try
                {
                    using var connection = new SqliteConnection(connectionString);
                    connection.Open();
                    if (variant.Synchronous is not null)
                    {
                        Execute(connection, $"PRAGMA synchronous = {variant.Synchronous};");
                    }

                    if (variant.BusyTimeoutMs is { } busy)
                    {
                        Execute(connection, $"PRAGMA busy_timeout = {busy};");
                    }

                    using var insert = connection.CreateCommand();
                    insert.CommandText = Insert;
                    var type = insert.Parameters.Add("$type", SqliteType.Text);
                    var body = insert.Parameters.Add("$body", SqliteType.Text);
                    var at = insert.Parameters.Add("$at", SqliteType.Text);
                    type.Value = "CloudBroker.Contracts.ExecuteOperation";
                    ready.Signal();
                    go.Wait(cancellationToken);
                    var n = 0;
                    while (Stopwatch.GetTimestamp() < Volatile.Read(ref end) && !cancellationToken.IsCancellationRequested)
                    {
                        var started = Stopwatch.GetTimestamp();
                        if (variant.InProcessLock)
                        {
                            lock (turns)
                            {
                                InsertOne(connection, insert, body, at, w, n++);
                            }
                        }
                        else
                        {
                            InsertOne(connection, insert, body, at, w, n++);
                        }

                        ticks[w].Add(Stopwatch.GetTimestamp() - started);
                    }
                }
                catch (Exception e) when (e is SqliteException or OperationCanceledException)
                {
                    failures[w] = e;
                    if (ready.CurrentCount > 0)
                    {
                        ready.Signal();
                    }
                }
            })
            {
                IsBackground = true,
                Name = $"sqlite-writer-{w}",
            }).ToList();
            threads.ForEach(t => t.Start());
            ready.Wait(cancellationToken);
            var started = Stopwatch.GetTimestamp();
            Volatile.Write(ref end, started + (long)(duration.TotalSeconds * Stopwatch.Frequency));
            go.Set();
            threads.ForEach(t => t.Join());
            var elapsed = Stopwatch.GetElapsedTime(started);
            cancellationToken.ThrowIfCancellationRequested();
            if (failures.FirstOrDefault(f => f is not null) is { } failure)
            {
                throw new BenchException($"raw SQLite ({variant.Name}, {writers} writers) failed: {failure.Message}");
            }

            var all = ticks.SelectMany(t => t).ToArray();
            Array.Sort(all);
            return new SqliteResult(variant, writers, elapsed, all);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static void InsertOne(SqliteConnection connection, SqliteCommand insert, SqliteParameter body, SqliteParameter at, int writer, int n)
    {
        using var transaction = connection.BeginTransaction();
        insert.Transaction = transaction;
        body.Value = $$"""{"operationId":"{{writer:D2}}-{{n:D10}}-0000-0000-000000000000","attempt":1}""";
        at.Value = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
        insert.ExecuteNonQuery();
        transaction.Commit();
    }

    // As the broker's: pooled, 30 s command timeout (the limit of Microsoft.Data.Sqlite's busy retries).
    private static string ConnectionString(DirectoryInfo directory, bool pooling) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(directory.FullName, "raw.db"),
        DefaultTimeout = 30,
        Pooling = pooling,
    }.ToString();

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
