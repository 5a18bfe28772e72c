using System.Buffers;
using System.Globalization;
using System.Text;

namespace CloudBroker.Accounting.Exports;

/// <summary>
/// RFC 4180 fields: a comma between fields, CRLF after a record, a field quoted (quotes doubled) only when it holds a
/// comma, quote, CR or LF. A null is an empty, unquoted field; an empty string — which FOCUS forbids and the export never
/// writes — would be <c>""</c>, so the two stay apart. Fields are encoded straight to UTF-8 into one pooled buffer,
/// written to the stream when full (no text writer, no string per number or time).
/// </summary>
internal sealed class CsvFieldWriter(Stream output) : IDisposable
{
    private const int BufferSize = 1 << 16;
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _used;
    private bool _first = true;

    /// <summary>UTF-8's byte-order mark, so spreadsheets read the file as UTF-8.</summary>
    public void ByteOrderMark() => Append(Encoding.UTF8.Preamble);

    public void Text(string? value)
    {
        Separate();
        if (value is null)
        {
            return;
        }

        if (value.Length == 0 || value.AsSpan().IndexOfAny(NeedsQuotes) >= 0)
        {
            Append("\""u8);
            Utf8(value.Replace("\"", "\"\"", StringComparison.Ordinal));
            Append("\""u8);
        }
        else
        {
            Utf8(value);
        }
    }

    /// <summary>Every digit of the value and no more: no exponent, no trailing zeros, <c>.</c> as the point.</summary>
    public void Number(decimal? value)
    {
        Separate();
        if (value is not { } number)
        {
            return;
        }

        // A decimal formats in plain notation with the zeros its scale carries (1.4400); those are cut (1.44, 2).
        var span = Reserve(64);
        number.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        if (span[..written].Contains((byte)'.'))
        {
            written = span[..written].TrimEnd((byte)'0').TrimEnd((byte)'.').Length;
        }

        if (written == 2 && span[0] == '-' && span[1] == '0')
        {
            span[0] = (byte)'0'; // a negative zero is zero
            written = 1;
        }

        _used += written;
    }

    /// <summary><c>YYYY-MM-DDTHH:mm:ssZ</c>.</summary>
    public void Time(DateTime value)
    {
        Separate();
        var span = Reserve(20);
        Digits(span[..4], value.Year);
        span[4] = (byte)'-';
        Digits(span[5..7], value.Month);
        span[7] = (byte)'-';
        Digits(span[8..10], value.Day);
        span[10] = (byte)'T';
        Digits(span[11..13], value.Hour);
        span[13] = (byte)':';
        Digits(span[14..16], value.Minute);
        span[16] = (byte)':';
        Digits(span[17..19], value.Second);
        span[19] = (byte)'Z';
        _used += 20;
    }

    public void Integer(int value)
    {
        Separate();
        value.TryFormat(Reserve(11), out var written, default, CultureInfo.InvariantCulture);
        _used += written;
    }

    public void EndRecord()
    {
        Append("\r\n"u8);
        _first = true;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await output.WriteAsync(_buffer.AsMemory(0, _used), cancellationToken);
        _used = 0;
        await output.FlushAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private static void Digits(Span<byte> span, int value)
    {
        for (var i = span.Length - 1; i >= 0; i--)
        {
            span[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private void Utf8(string value)
    {
        var span = Reserve(Encoding.UTF8.GetMaxByteCount(value.Length));
        _used += Encoding.UTF8.GetBytes(value, span);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _used += bytes.Length;
    }

    /// <summary>Room for <paramref name="length"/> more bytes: the buffer is written out first when it lacks it (a longer field gets a larger buffer).</summary>
    private Span<byte> Reserve(int length)
    {
        if (_buffer.Length - _used < length)
        {
            output.Write(_buffer, 0, _used);
            _used = 0;
            if (_buffer.Length < length)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(length);
            }
        }

        return _buffer.AsSpan(_used);
    }

    private void Separate()
    {
        if (!_first)
        {
            Append(","u8);
        }

        _first = false;
    }
}
