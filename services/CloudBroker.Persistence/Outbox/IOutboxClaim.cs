namespace CloudBroker.Persistence.Outbox;

/// <summary>
/// How a dispatcher takes due rows that no other dispatcher holds. Each database does it its own way
/// (SQLite's single writer, PostgreSQL's <c>FOR UPDATE SKIP LOCKED</c>); the claimed rows come back
/// tracked, with <see cref="OutboxMessage.LockedUntil"/> set and committed.
/// </summary>
public interface IOutboxClaim
{
    Task<List<OutboxMessage>> ClaimDueAsync(BrokerDbContext db, DateTime now, OutboxOptions settings, CancellationToken cancellationToken);
}
