using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Accounting.Exports;

/// <summary>Reads a file of the <see cref="DatabaseExportFileStore"/> forward, one chunk fetched at a time.</summary>
internal sealed class ChunkReadStream(BrokerDbContext db, string exportId, string name) : Stream
{
    private byte[] _chunk = [];
    private int _offset;
    private int _next;
    private bool _ended;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_offset == _chunk.Length)
        {
            if (_ended)
            {
                return 0;
            }

            var index = _next++;
            var data = await db.Set<ExportChunk>().AsNoTracking()
                .Where(c => c.ExportId == exportId && c.Name == name && c.Index == index)
                .Select(c => c.Data)
                .FirstOrDefaultAsync(cancellationToken);
            _ended = data is null;
            _chunk = data ?? [];
            _offset = 0;
        }

        var count = Math.Min(buffer.Length, _chunk.Length - _offset);
        _chunk.AsMemory(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
