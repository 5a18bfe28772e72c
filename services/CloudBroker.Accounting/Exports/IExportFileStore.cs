namespace CloudBroker.Accounting.Exports;

/// <summary>Where export files' bytes are kept (<c>CloudBroker:Accounting:Exports:Store</c>): the database by default, or a folder.</summary>
public interface IExportFileStore
{
    /// <summary>Keeps the content (read from its start to its end) as the export's file <paramref name="name"/>, replacing what a failed attempt left.</summary>
    Task SaveAsync(string exportId, string name, Stream content, CancellationToken cancellationToken);

    /// <summary>The file's bytes, streamed (the whole file is never in memory).</summary>
    Task<Stream> OpenAsync(string exportId, string name, CancellationToken cancellationToken);
}
