using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CloudBroker.Persistence;

/// <summary>
/// Cuts every timestamp a save writes to whole microseconds, on every database. PostgreSQL keeps timestamps
/// to the microsecond and .NET to 100 ns: without this, the entity a request saved (and answers with) would
/// differ from the same row read back later. Cutting the entity's own value keeps memory, answers and
/// database equal, and both databases hold the same precision.
/// </summary>
internal sealed class TimestampPrecisionInterceptor : SaveChangesInterceptor
{
    public static readonly TimestampPrecisionInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Truncate(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Truncate(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private static void Truncate(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if ((entry.State == EntityState.Added || property.IsModified) && property.CurrentValue is DateTime value
                    && value.Ticks % TimeSpan.TicksPerMicrosecond != 0)
                {
                    property.CurrentValue = value.ToStoredPrecision();
                }
            }
        }
    }
}
