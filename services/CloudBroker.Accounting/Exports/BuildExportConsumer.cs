using CloudBroker.Contracts;
using MassTransit;

namespace CloudBroker.Accounting.Exports;

/// <summary>Builds one export (worker role).</summary>
internal sealed class BuildExportConsumer(ExportBuilder builder) : IConsumer<BuildExport>
{
    public Task Consume(ConsumeContext<BuildExport> context) => builder.BuildAsync(context.Message.OperationId, context.CancellationToken);
}
