using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CloudBroker.Api.Tests.Http;

/// <summary>A JSON body sent without <c>Content-Length</c> (streamed), so only the server's running count can refuse it.</summary>
public sealed class UnsizedContent : HttpContent
{
    private readonly byte[] _bytes;
    private readonly int _writeSize;

    /// <param name="json">The body.</param>
    /// <param name="writeSize">Bytes per write (chunk); the whole body in one chunk by default.</param>
    public UnsizedContent(string json, int writeSize = int.MaxValue)
    {
        _bytes = Encoding.UTF8.GetBytes(json);
        _writeSize = writeSize;
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < _bytes.Length; offset += _writeSize)
        {
            await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(_writeSize, _bytes.Length - offset)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
