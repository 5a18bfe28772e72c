using System.Text;

namespace CloudBroker.Api.Http;

/// <summary>
/// Passes an answer through, unless it is an HTML page: that is held (up to 1 MiB) until <see cref="ReleaseAsync"/>,
/// which sends it with the policy naming its inline scripts.
/// </summary>
internal sealed class HtmlHoldingStream(Stream inner, HttpResponse response) : Stream
{
    private const int MaxPageBytes = 1024 * 1024;

    private MemoryStream? _page;
    private bool _decided;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Sends a held page, its Content-Security-Policy and length set; nothing when the answer was not a page.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (_page is null)
        {
            return;
        }

        var page = _page.GetBuffer().AsMemory(0, (int)_page.Length);
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy.ForHtml(Encoding.UTF8.GetString(page.Span));
        response.ContentLength = page.Length;
        await inner.WriteAsync(page, cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Holds(buffer.Length))
        {
            _page!.Write(buffer);
            return;
        }

        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Holds(buffer.Length))
        {
            _page!.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush()
    {
        if (!Holds(0))
        {
            inner.Flush();
        }
    }

    // Response.WriteAsync flushes (starts the answer) before its first byte: the page is recognized then already.
    public override Task FlushAsync(CancellationToken cancellationToken) => Holds(0) ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _page?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Whether the answer is a page being held; decided at its first byte or flush, by its content type.</summary>
    private bool Holds(int more)
    {
        if (!_decided)
        {
            _decided = true;
            if (!response.HasStarted && response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                _page = new MemoryStream();
            }
        }

        if (_page is not null && _page.Length + more > MaxPageBytes)
        {
            throw new InvalidOperationException($"an HTML page over {MaxPageBytes} bytes cannot be given its Content-Security-Policy");
        }

        return _page is not null;
    }
}
