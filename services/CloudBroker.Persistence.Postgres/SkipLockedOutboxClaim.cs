using CloudBroker.Persistence.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Persistence.Postgres;

/// <summary>
/// The claim for PostgreSQL, where many dispatchers read at once: <c>FOR UPDATE SKIP LOCKED</c> hands each
/// transaction rows no other claimer is looking at, so two dispatchers never take the same row.
/// </summary>
internal sealed class SkipLockedOutboxClaim : IOutboxClaim
{
    public async Task<List<OutboxMessage>> ClaimDueAsync(BrokerDbContext db, DateTime now, OutboxOptions settings, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Outbox
            .FromSql($"""
                SELECT * FROM outbox
                WHERE "SentAt" IS NULL AND "NotBefore" <= {now} AND ("LockedUntil" IS NULL OR "LockedUntil" < {now})
                ORDER BY "Id"
                LIMIT {settings.BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        foreach (var row in due)
        {
            row.LockedUntil = now + settings.ClaimLease;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due;
    }
}
