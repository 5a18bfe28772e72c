using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Provisioning.Workflow;

/// <summary>
/// Policy for the workflow consumers: a lost optimistic-concurrency race is retried at once (the
/// step re-reads the operation); provider errors are the workflow's own business, never the bus's.
/// </summary>
internal sealed class WorkflowConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Immediate(3).Handle<DbUpdateConcurrencyException>());
}
