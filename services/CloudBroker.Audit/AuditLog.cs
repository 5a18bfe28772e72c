using CloudBroker.Persistence;
using CloudBroker.Persistence.Transient;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Audit;

/// <summary>
/// Appends entries, each in its own pooled <see cref="BrokerDbContext"/> from a fresh scope: the request's
/// context may hold the handler's unsaved or failed changes, which must neither be saved with the entry
/// nor keep the entry from being saved. A database that is busy for a moment (the very load that made a request answer
/// <c>503 database-busy</c>) is waited out a few times before an entry is given up.
/// </summary>
public sealed partial class AuditLog(IServiceScopeFactory scopes, TransientDatabaseErrors databaseErrors, ILogger<AuditLog> logger)
{
    private static readonly TimeSpan[] BusyPauses = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    /// <summary>Writes <paramref name="entry"/>; a failure is logged as an error, never thrown (the answer is already sent).</summary>
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
                db.Add(entry);
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < BusyPauses.Length && databaseErrors.IsTransient(ex))
            {
                await Task.Delay(BusyPauses[attempt], cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogAppendFailed(logger, entry.Method, entry.Route, entry.Status, entry.TenantId, entry.UserId, ex);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entry lost: {Method} {Route} -> {Status} by {TenantId}/{UserId}")]
    private static partial void LogAppendFailed(ILogger logger, string method, string route, int status, string tenantId, string userId, Exception exception);
}
