using CloudBroker.Persistence.Transient;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Provisioning.Workflow;

/// <summary>
/// Policy for the workflow consumers: a lost optimistic-concurrency race is retried at once (the
/// step re-reads the operation); a database that is busy for now (<see cref="TransientDatabaseErrors"/>: a deadlock,
/// no connection to be had, a restart) is waited out for as long as it lasts, with growing pauses, each retry a fresh
/// scope that reads its state again. Such a step is never faulted: its message stays unacknowledged while it waits (a
/// process that dies meanwhile leaves it to be delivered again, or, on the in-memory bus, to the sweeper), so a busy
/// spell of any length ends with the step done. Provider errors are the workflow's own business, never the bus's.
/// </summary>
public sealed class WorkflowConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    /// <summary>No limit: a busy database is waited out, never counted against the step.</summary>
    private const int WhileTheDatabaseIsBusy = int.MaxValue;

    /// <summary>
    /// <see cref="FirstPause"/> plus <see cref="PauseGrowth"/> doubling (0.3, 0.5, 0.9, 1.7, 3.3 s), then <see cref="LongestPause"/>,
    /// each ±25 % so that steps that failed together do not come back together: a step that only missed a connection gets
    /// one soon, and a database that is restarting costs a try every few seconds.
    /// </summary>
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan PauseGrowth = TimeSpan.FromMilliseconds(200);

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var databaseErrors = context.GetRequiredService<TransientDatabaseErrors>();
        endpointConfigurator.UseMessageRetry(r => r.Exponential(WhileTheDatabaseIsBusy, FirstPause, LongestPause, PauseGrowth).Handle<Exception>(databaseErrors.IsTransient));
        endpointConfigurator.UseMessageRetry(r => r.Immediate(3).Handle<DbUpdateConcurrencyException>());
    }
}
