using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Provisioning.Reconciliation;

/// <summary>
/// Renews a run's lease while the run lasts (every third of its length, on a context of its own), so a long
/// run keeps its provider and a dead process's run expires within one lease. If the lease was lost anyway
/// (another process took it after a stall), <see cref="Lost"/> is cancelled and the run stops.
/// </summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    public LeaseKeeper(IServiceScopeFactory scopes, TimeProvider time, string providerId, string runId, TimeSpan lease) =>
        _renewing = RenewAsync(scopes, time, providerId, runId, lease);

    public CancellationToken Lost => _lost.Token;

    private async Task RenewAsync(IServiceScopeFactory scopes, TimeProvider time, string providerId, string runId, TimeSpan lease)
    {
        using var timer = new PeriodicTimer(lease / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
                var until = time.GetUtcNow().UtcDateTime + lease;
                var held = await db.Set<ReconcilerLease>()
                    .Where(l => l.ProviderId == providerId && l.RunId == runId)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeaseUntil, until), _stop.Token);
                if (held == 0)
                {
                    await _lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The run finished.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _renewing;
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
        {
            // A renewal that failed on its way out changes nothing: the run is over and its lease is released.
        }

        _stop.Dispose();
        _lost.Dispose();
    }
}
