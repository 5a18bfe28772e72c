using CloudBroker.Contracts;
using MassTransit;

namespace CloudBroker.Provisioning.Workflow;

/// <summary>Cleans up at the provider after a failed create.</summary>
internal sealed class CompensateInstanceConsumer(InstanceCompensation compensation) : IConsumer<CompensateInstance>
{
    public Task Consume(ConsumeContext<CompensateInstance> context) =>
        compensation.CompensateAsync(context.Message, context.MessageId, context.CancellationToken);
}
