using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Transient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Persistence.Idempotency;

/// <summary>Deletes idempotency keys past their retention, every ten minutes.</summary>
internal sealed class IdempotencyPurger(IServiceScopeFactory scopes, TimeProvider time, TransientDatabaseErrors databaseErrors, ILogger<IdempotencyPurger> logger)
    : PeriodicWork(time, databaseErrors, logger)
{
    protected override TimeSpan Interval { get; } = TimeSpan.FromMinutes(10);

    protected override async Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var now = Time.GetUtcNow().UtcDateTime;
        await db.Set<IdempotencyRecord>().Where(r => r.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        return Interval;
    }
}
