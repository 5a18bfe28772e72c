using CloudBroker.Persistence;
using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Transient;
using CloudBroker.Quotas.Ledger;
using CloudBroker.Quotas.Pricing;
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
    ILogger<ReservationSweeper> logger) : ExpiredRowSweeper<Reservation>(scopes, time, databaseErrors, logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override IQueryable<Reservation> Due(BrokerDbContext db, DateTime now) =>
        db.Set<Reservation>().Where(r => r.Status == ReservationStatuses.Reserved && r.ExpiresAt < now).OrderBy(r => r.ExpiresAt);

    protected override void Settle(BrokerDbContext db, Reservation reservation, DateTime now) =>
        ReservationTransitions.Release(reservation, BudgetPeriod.Of(now), now);

    protected override void Settled(Reservation reservation) =>
        LogReleased(Logger, reservation.Id, reservation.Kind, reservation.InstanceId, reservation.OperationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Released expired {Kind} reservation {ReservationId} of instance {InstanceId} (operation {OperationId}): its work died")]
    private static partial void LogReleased(ILogger logger, string reservationId, string kind, string instanceId, string operationId);
}
