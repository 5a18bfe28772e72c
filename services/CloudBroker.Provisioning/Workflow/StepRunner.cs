using System.Data.Common;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Inbox;
using CloudBroker.Provisioning.Calls;
using CloudBroker.Provisioning.Operations;
using CloudBroker.Provisioning.Pacing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CloudBroker.Provisioning.Workflow;

/// <summary>
/// The prologue and epilogue every workflow step shares, in one place (as MassTransit's samples keep cross-cutting
/// concerns out of consumers): a message handled before is dropped (inbox); the step's rows are loaded, or it ends;
/// the message is marked handled; the step's provider calls hold the turn its operation keeps; a call the pacing refused
/// puts the step back as a timer row at its turn, the turn kept on the operation; everything the step changed commits
/// in one save. While the step runs, its operation's processing lease is renewed: a provider call that outlives
/// <see cref="ProvisioningOptions.LeaseLength"/> (a clone of a large disk) is not taken for lost and re-driven beside itself.
/// A step cancelled because its process is stopping (past the bus's stop timeout) hands its operation back: the lease is
/// released, so the next process re-drives it at once.
/// Used by every step consumer and by compensation.
/// </summary>
internal sealed class StepRunner(BrokerDbContext db, OperationOutcomes outcomes, IServiceScopeFactory scopes, TimeProvider time, IOptions<ProvisioningOptions> options)
{
    /// <summary>The longest a cancelled step spends releasing its lease: the host gives the bus's stop a few seconds past its timeout for it.</summary>
    private static readonly TimeSpan HandBackTime = TimeSpan.FromSeconds(3);

    /// <param name="load">The step's rows; <c>null</c> ends it (a finished operation, an attempt already made, a provider gone).</param>
    /// <param name="body">The step itself, with the provider's driver holding the operation's turn.</param>
    public async Task RunAsync<TMessage>(
        TMessage message, Guid? messageId, Func<CancellationToken, Task<StepTarget?>> load, Func<StepTarget, GatedDriver, Task> body, CancellationToken cancellationToken)
        where TMessage : class
    {
        var consumer = typeof(TMessage).Name;
        if (await db.HandledAsync(messageId, consumer, cancellationToken) || await load(cancellationToken) is not { } target)
        {
            return;
        }

        db.MarkHandled(messageId, consumer, time.GetUtcNow().UtcDateTime);
        var operationId = target.Operation.Id;
        try
        {
            try
            {
                // Renewed on a connection of its own: at once only when the step came late in its lease (a second connection
                // per step would press on a database near its connection limit for nothing), then every third of the lease.
                var late = target.Operation.LeaseUntil < time.GetUtcNow().UtcDateTime + (options.Value.LeaseLength / 3);
                await using var lease = new LeaseKeeper(scopes, time, options.Value.LeaseLength, (leases, until, ct) => RenewAsync(leases, operationId, until, ct), atOnce: late);
                await body(target, target.Driver.Holding(target.Operation.TakeHeldTurn()));
            }
            catch (ProviderPacedException paced)
            {
                target.Operation.Hold(paced.Turn);
                outcomes.Schedule(target.Operation, message, paced.Until);
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The bus cancelled the step: its process is stopping and the step outlived the stop timeout. Nothing of it was
            // saved (or its save had just made it; a repeat is harmless). Handing the operation back now lets the next process take it up at once,
            // not after the lease this step kept renewing.
            await ReleaseAsync(operationId);
            throw;
        }
    }

    /// <summary>
    /// Ends an unfinished operation's lease now, on a context of its own (the step's is mid-cancel), within <see cref="HandBackTime"/>.
    /// A release that fails (the database busy or away) leaves the lease to expire, as after a crash.
    /// </summary>
    private async Task ReleaseAsync(string operationId)
    {
        using var limit = new CancellationTokenSource(HandBackTime);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var now = time.GetUtcNow().UtcDateTime;
            await scope.ServiceProvider.GetRequiredService<BrokerDbContext>().Set<Operation>()
                .Where(o => o.Id == operationId && (o.Status == OperationStatus.Pending || o.Status == OperationStatus.Running) && o.LeaseUntil > now)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseUntil, now), limit.Token);
        }
        catch (Exception ex) when (ex is DbException or OperationCanceledException or InvalidOperationException)
        {
            // The sweeper of the next process re-drives it when the lease runs out.
        }
    }

    /// <summary>
    /// Moves the lease of an unfinished operation forward, never back, without touching its version (the step's own
    /// save of the operation must still succeed). There is nothing to lose: a sweeper cannot take a lease kept ahead of it.
    /// </summary>
    private static async Task<bool> RenewAsync(BrokerDbContext leases, string operationId, DateTime until, CancellationToken cancellationToken)
    {
        await leases.Set<Operation>()
            .Where(o => o.Id == operationId && (o.Status == OperationStatus.Pending || o.Status == OperationStatus.Running) && o.LeaseUntil < until)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseUntil, until), cancellationToken);
        return true;
    }
}
