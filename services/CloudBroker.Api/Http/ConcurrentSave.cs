using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Http;

/// <summary>Saves a change guarded by a version column: a writer that came in between makes it 412, not a lost update.</summary>
internal static class ConcurrentSave
{
    public static async Task SaveAsync(BrokerDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw IfMatch.Stale();
        }
    }
}
