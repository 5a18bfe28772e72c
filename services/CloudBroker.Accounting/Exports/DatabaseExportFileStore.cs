using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Accounting.Exports;

/// <summary>
/// Files as rows of 1 MiB chunks in the broker's database: every deployment, embedded or scaled out, serves them with no
/// shared volume. Chunks are written a few at a time, so memory holds a few MiB whatever the file's size.
/// </summary>
internal sealed class DatabaseExportFileStore(BrokerDbContext db) : IExportFileStore
{
    public const int ChunkSize = 1 << 20;

    private const int ChunksPerSave = 8;

    public async Task SaveAsync(string exportId, string name, Stream content, CancellationToken cancellationToken)
    {
        await db.Set<ExportChunk>().Where(c => c.ExportId == exportId && c.Name == name).ExecuteDeleteAsync(cancellationToken);
        var index = 0;
        while (true)
        {
            var data = new byte[ChunkSize];
            var read = await content.ReadAtLeastAsync(data, ChunkSize, throwOnEndOfStream: false, cancellationToken);
            if (read == 0)
            {
                break;
            }

            db.Add(new ExportChunk { ExportId = exportId, Name = name, Index = index++, Data = read == ChunkSize ? data : data[..read] });
            if (index % ChunksPerSave == 0 || read < ChunkSize)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    public Task<Stream> OpenAsync(string exportId, string name, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new ChunkReadStream(db, exportId, name));
}
