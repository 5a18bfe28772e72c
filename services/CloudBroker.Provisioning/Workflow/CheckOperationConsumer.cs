using CloudBroker.Contracts;
using MassTransit;

namespace CloudBroker.Provisioning.Workflow;

/// <summary>Looks at the provider once to see whether an operation reached its target.</summary>
internal sealed class CheckOperationConsumer(OperationWorkflow workflow) : IConsumer<CheckOperation>
{
    public Task Consume(ConsumeContext<CheckOperation> context) =>
        workflow.CheckAsync(context.Message, context.MessageId, context.CancellationToken);
}
