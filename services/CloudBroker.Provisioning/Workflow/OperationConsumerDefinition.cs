using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Provisioning.Workflow;

/// <summary>
/// Policy for the workflow consumers: a lost optimistic-concurrency race is retried at once
/// (the step re-reads the operation); provider errors are handled by the workflow itself.
/// </summary>
internal sealed class ExecuteOperationConsumerDefinition : ConsumerDefinition<ExecuteOperationConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<ExecuteOperationConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Immediate(3).Handle<DbUpdateConcurrencyException>());
}
