namespace CloudBroker.Accounting.Exports;

/// <summary>
/// Files in a folder (<c>Exports:Folder</c>/&lt;export id&gt;/&lt;name&gt;): for a single process, or processes sharing a
/// volume. A file appears whole or not at all (written beside, then renamed).
/// </summary>
internal sealed class FolderExportFileStore(string root) : IExportFileStore
{
    public async Task SaveAsync(string exportId, string name, Stream content, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, exportId)).FullName;
        var target = Path.Combine(folder, name);
        var partial = target + ".partial";
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await content.CopyToAsync(file, cancellationToken);
        }

        File.Move(partial, target, overwrite: true);
    }

    public Task<Stream> OpenAsync(string exportId, string name, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(Path.Combine(root, exportId, name), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true));
}
