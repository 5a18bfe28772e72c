using CloudBroker.Contracts;
using MassTransit;

namespace CloudBroker.Provisioning.Workflow;

/// <summary>Makes the provider call of one operation attempt.</summary>
internal sealed class ExecuteOperationConsumer(OperationWorkflow workflow) : IConsumer<ExecuteOperation>
{
    public Task Consume(ConsumeContext<ExecuteOperation> context) =>
        workflow.ExecuteAsync(context.Message, context.MessageId, context.CancellationToken);
}
