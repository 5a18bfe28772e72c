using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace CloudBroker.Api.Tests.Infrastructure;

/// <summary>
/// Makes the database answer the next <see cref="Arm"/>ed number of matching statements with an error of the engine in
/// use, as the engine itself answers it (an exception of its driver, with its code): a deadlock or a lock conflict
/// (<see cref="Kind.Contention"/>), or a connection an administrator terminated / a database locked past the busy timeout
/// (<see cref="Kind.Unavailable"/>). The statement is refused before it reaches the database, so the transaction it was
/// part of is rolled back by the code under test, as after the real error.
/// </summary>
public sealed partial class DatabaseFault(bool postgres) : DbCommandInterceptor
{
    private readonly Lock _lock = new();
    private Regex? _statement;
    private Kind _kind;
    private int _remaining;

    public enum Kind
    {
        Contention,
        Unavailable,
    }

    /// <summary>How many statements were refused since the fault was last armed.</summary>
    public int Fired { get; private set; }

    /// <summary>Refuses the next <paramref name="times"/> statements that match <paramref name="statement"/> with a <paramref name="kind"/> error.</summary>
    public void Arm(Regex statement, Kind kind, int times)
    {
        lock (_lock)
        {
            (_statement, _kind, _remaining, Fired) = (statement, kind, times, 0);
        }
    }

    public void Disarm()
    {
        lock (_lock)
        {
            _remaining = 0;
        }
    }

    /// <summary>EF Core writes table names quoted on SQLite and bare on PostgreSQL (lower case needs no quotes).</summary>
    [GeneratedRegex(@"INSERT INTO ""?instances""? ")]
    public static partial Regex InsertInstance();

    [GeneratedRegex(@"UPDATE ""?operations""? SET")]
    public static partial Regex UpdateOperation();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Refuse(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Refuse(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Refuse(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Refuse(command);
        return ValueTask.FromResult(result);
    }

    private void Refuse(DbCommand command)
    {
        Kind kind;
        lock (_lock)
        {
            if (_remaining == 0 || _statement?.IsMatch(command.CommandText) != true)
            {
                return;
            }

            _remaining--;
            Fired++;
            kind = _kind;
        }

        throw (postgres, kind) switch
        {
            (true, Kind.Contention) => new PostgresException("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected),
            (true, _) => new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown),
            (false, Kind.Contention) => new SqliteException("SQLite Error 6: 'database table is locked'.", 6),
            (false, _) => new SqliteException("SQLite Error 5: 'database is locked'.", 5),
        };
    }
}
