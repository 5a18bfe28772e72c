using CloudBroker.Contracts;
using CloudBroker.Persistence.Background;
using CloudBroker.Provisioning.History;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Accounting.Metering;

/// <summary>
/// Wakes the metering worker when an instance changes state. It carries nothing metering uses: the history is read from
/// the database, so a duplicate, a replay or a lost message changes no usage (no inbox needed).
/// </summary>
internal sealed class HistoryChangedConsumer([FromKeyedServices(typeof(InstanceEvent))] WakeSignal historyChanged) : IConsumer<InstanceStateChanged>
{
    public Task Consume(ConsumeContext<InstanceStateChanged> context)
    {
        historyChanged.Notify();
        return Task.CompletedTask;
    }
}
