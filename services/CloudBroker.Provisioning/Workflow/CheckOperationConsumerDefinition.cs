using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Provisioning.Workflow;

/// <summary>A lost optimistic-concurrency race is retried at once; the check re-reads the operation.</summary>
internal sealed class CheckOperationConsumerDefinition : ConsumerDefinition<CheckOperationConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<CheckOperationConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Immediate(3).Handle<DbUpdateConcurrencyException>());
}
