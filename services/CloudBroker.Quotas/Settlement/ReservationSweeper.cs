using CloudBroker.Persistence;
using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Transient;
using CloudBroker.Quotas.Ledger;
using CloudBroker.Quotas.Pricing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Quotas.Settlement;

/// <summary>
/// Releases reservations still <c>reserved</c> past their expiry (their operation's deadline plus a margin):
/// the work that would have committed or released them died. Each release is its own save, so its counters
/// change in the same transaction (<see cref="QuotaSaveStep"/>); the row's version makes two sweepers in two processes release it once.
/// </summary>
internal sealed partial class ReservationSweeper(
    IServiceScopeFactory scopes,
    TimeProvider time,
    TransientDatabaseErrors databaseErrors,
    IOptions<QuotaOptions> options,
    ILogger<ReservationSweeper> logger) : PeriodicWork(time, databaseErrors, logger)
{
    private const int BatchSize = 100;

    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override bool RunsAtStart => true;

    protected override async Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken)
    {
        await SweepAsync(cancellationToken);
        return Interval;
    }

    /// <summary>One pass; returns how many reservations it released.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var now = Time.GetUtcNow().UtcDateTime;
        var expired = await db.Set<Reservation>()
            .Where(r => r.Status == ReservationStatuses.Reserved && r.ExpiresAt < now)
            .OrderBy(r => r.ExpiresAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var released = 0;
        foreach (var reservation in expired)
        {
            ReservationTransitions.Release(reservation, BudgetPeriod.Of(now), now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                released++;
                LogReleased(Logger, reservation.Id, reservation.Kind, reservation.InstanceId, reservation.OperationId);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear(); // the workflow or another sweeper moved it first
            }
        }

        return released;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Released expired {Kind} reservation {ReservationId} of instance {InstanceId} (operation {OperationId}): its work died")]
    private static partial void LogReleased(ILogger logger, string reservationId, string kind, string instanceId, string operationId);
}
