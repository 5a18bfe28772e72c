using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Persistence.Outbox;

/// <summary>
/// The claim for SQLite: one write transaction reads and locks the rows. SQLite has one writer at a
/// time, so no other dispatcher can read the same rows between the read and the claim.
/// </summary>
internal sealed class WriteLockOutboxClaim : IOutboxClaim
{
    public async Task<List<OutboxMessage>> ClaimDueAsync(BrokerDbContext db, DateTime now, OutboxOptions settings, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Outbox
            .Where(m => m.SentAt == null && m.NotBefore <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.Id)
            .Take(settings.BatchSize)
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
