using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CloudBroker.Persistence;

/// <summary>
/// Lets SQLite itself wait for the write lock (<c>busy_timeout</c>) instead of failing at once and leaving
/// Microsoft.Data.Sqlite to retry after 150 ms sleeps: with many writers that sleep, not the work, set the pace.
/// </summary>
internal sealed class SqliteBusyTimeoutInterceptor : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
