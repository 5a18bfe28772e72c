using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Persistence.Background;

/// <summary>
/// Renews a processing lease while the work that holds it lasts (every third of its length, and at once when the work may
/// have waited for its turn since it took the lease; on a context of its own),
/// so long work keeps what it holds and a dead process's lease expires within one length. The renewal is a plain
/// update that leaves the row's version alone: the work's own save of the row still succeeds. If the lease was lost
/// anyway (the renewal found no row held by this work: another process took it after a stall), <see cref="Lost"/> is cancelled.
/// </summary>
public sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    /// <param name="renew">Extends the lease to the given time; returns whether the work still held it.</param>
    /// <param name="atOnce">
    /// Renew before the first tick too. Not for a lease just taken inside a caller's transaction: on SQLite the
    /// renewal's own connection would wait for that transaction's write lock, which waits for the work.
    /// </param>
    public LeaseKeeper(IServiceScopeFactory scopes, TimeProvider time, TimeSpan lease, Func<BrokerDbContext, DateTime, CancellationToken, Task<bool>> renew, bool atOnce) =>
        _renewing = RenewAsync(scopes, time, lease, renew, atOnce);

    public CancellationToken Lost => _lost.Token;

    private async Task RenewAsync(
        IServiceScopeFactory scopes, TimeProvider time, TimeSpan lease, Func<BrokerDbContext, DateTime, CancellationToken, Task<bool>> renew, bool atOnce)
    {
        using var timer = new PeriodicTimer(lease / 3, time);
        try
        {
            if (!atOnce && !await timer.WaitForNextTickAsync(_stop.Token))
            {
                return;
            }

            do
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
                if (!await renew(db, time.GetUtcNow().UtcDateTime + lease, _stop.Token))
                {
                    await _lost.CancelAsync();
                    return;
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The work finished.
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
            // A renewal that failed on its way out changes nothing: the work is over and its lease is released or rewritten.
        }

        _stop.Dispose();
        _lost.Dispose();
    }
}
