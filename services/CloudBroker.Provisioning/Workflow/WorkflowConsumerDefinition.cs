using CloudBroker.Persistence.Transient;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Provisioning.Workflow;

/// <summary>
/// Policy for the workflow consumers: a lost optimistic-concurrency race is retried at once (the
/// step re-reads the operation); a database that is busy for now (<see cref="TransientDatabaseErrors"/>: a deadlock,
/// no connection to be had, a restart) is waited out with growing pauses, each retry a fresh scope that reads its state
/// again, so the step is retried rather than failed or left to the sweeper. Provider errors are the workflow's own
/// business, never the bus's.
/// </summary>
internal sealed class WorkflowConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    /// <summary>
    /// About a minute in all, the default <c>Provisioning:LeaseLength</c>: a busy spell of the database (API processes
    /// retrying hundreds of requests against a full server, a restart) is waited out here; a longer one ends in a fault,
    /// and the sweeper re-drives the operation when its lease expires.
    /// </summary>
    private static readonly TimeSpan[] DatabaseBusyPauses =
    [
        TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4),
        TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15),
    ];

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var databaseErrors = context.GetRequiredService<TransientDatabaseErrors>();
        endpointConfigurator.UseMessageRetry(r => r.Intervals(DatabaseBusyPauses).Handle<Exception>(databaseErrors.IsTransient));
        endpointConfigurator.UseMessageRetry(r => r.Immediate(3).Handle<DbUpdateConcurrencyException>());
    }
}
