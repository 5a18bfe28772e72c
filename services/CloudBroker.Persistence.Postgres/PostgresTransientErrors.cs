using CloudBroker.Persistence.Transient;
using Npgsql;

namespace CloudBroker.Persistence.Postgres;

/// <summary>
/// PostgreSQL's passing conditions, by SQLSTATE: a serialization failure (40001), a deadlock (40P01) or a lock not granted
/// (55P03) lost a race; too many clients (53300), a server still starting (57P03) or one that would not establish the
/// connection (08001, 08004) refused a new connection before anything was sent; other exhausted resources (class 53), a
/// shutdown (57P01, 57P02) and a lost connection (class 08) make it unavailable for now. Npgsql's own errors without a
/// SQLSTATE (the pool exhausted after its <c>Timeout</c>, a broken socket) are unavailable when Npgsql calls them transient.
/// </summary>
internal sealed class PostgresTransientErrors : TransientDatabaseErrors
{
    protected override DatabaseFailure ClassifyOwn(Exception exception) => exception switch
    {
        PostgresException postgres => FromSqlState(postgres.SqlState),
        NpgsqlException { IsTransient: true } => DatabaseFailure.Unavailable,
        _ => DatabaseFailure.None,
    };

    private static DatabaseFailure FromSqlState(string sqlState) => sqlState switch
    {
        PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable => DatabaseFailure.Contention,
        PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.SqlClientUnableToEstablishSqlConnection or PostgresErrorCodes.SqlServerRejectedEstablishmentOfSqlConnection => DatabaseFailure.NoConnection,
        PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown => DatabaseFailure.Unavailable,
        _ when sqlState.StartsWith("53", StringComparison.Ordinal) || sqlState.StartsWith("08", StringComparison.Ordinal) => DatabaseFailure.Unavailable,
        _ => DatabaseFailure.None,
    };
}
