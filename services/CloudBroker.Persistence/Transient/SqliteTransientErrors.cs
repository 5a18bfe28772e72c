using Microsoft.Data.Sqlite;

namespace CloudBroker.Persistence.Transient;

/// <summary>
/// SQLite's passing conditions. <c>SQLITE_BUSY</c> comes only after the busy timeout (30 s) ran out, so it means the
/// database is unavailable; a busy snapshot (a reader that may not become a writer) and <c>SQLITE_LOCKED</c> are lost races.
/// </summary>
internal sealed class SqliteTransientErrors : TransientDatabaseErrors
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int BusySnapshot = Busy | (2 << 8);

    protected override DatabaseFailure ClassifyOwn(Exception exception) => exception switch
    {
        SqliteException { SqliteExtendedErrorCode: BusySnapshot } => DatabaseFailure.Contention,
        SqliteException { SqliteErrorCode: Locked } => DatabaseFailure.Contention,
        SqliteException { SqliteErrorCode: Busy } => DatabaseFailure.Unavailable,
        _ => DatabaseFailure.None,
    };
}
