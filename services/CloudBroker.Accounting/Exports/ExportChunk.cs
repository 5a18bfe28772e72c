namespace CloudBroker.Accounting.Exports;

/// <summary>A piece of an export file kept in the database (<see cref="DatabaseExportFileStore"/>): any deployment can serve it, no shared volume needed.</summary>
public sealed class ExportChunk
{
    public required string ExportId { get; init; }

    public required string Name { get; init; }

    public int Index { get; init; }

    public required byte[] Data { get; init; }
}
