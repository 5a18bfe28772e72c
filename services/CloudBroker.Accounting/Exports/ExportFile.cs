namespace CloudBroker.Accounting.Exports;

/// <summary>A file of an export as listed and served: its name, size, SHA-256 and rows (its bytes live in the <see cref="IExportFileStore"/>).</summary>
public sealed class ExportFile
{
    public required string ExportId { get; init; }

    public required string Name { get; init; }

    public required string ContentType { get; init; }

    public long Length { get; init; }

    /// <summary>Lower-case hex.</summary>
    public required string Sha256 { get; init; }

    public long Rows { get; init; }
}
