using System.Buffers;
using System.Globalization;

namespace CloudBroker.Accounting.Exports;

/// <summary>
/// RFC 4180 fields: a comma between fields, CRLF after a record, a field quoted (quotes doubled) only when it holds a
/// comma, quote, CR or LF. A null is an empty, unquoted field; an empty string — which FOCUS forbids and the export never
/// writes — would be <c>""</c>, so the two stay apart.
/// </summary>
internal sealed class CsvFieldWriter(TextWriter output)
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");
    private bool _first = true;

    public void Text(string? value)
    {
        Separate();
        if (value is null)
        {
            return;
        }

        if (value.Length == 0 || value.AsSpan().IndexOfAny(NeedsQuotes) >= 0)
        {
            output.Write('"');
            output.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
            output.Write('"');
        }
        else
        {
            output.Write(value);
        }
    }

    /// <summary>Every digit of the value and no more: no exponent, no trailing zeros, <c>.</c> as the point.</summary>
    public void Number(decimal? value)
    {
        Separate();
        if (value is { } number)
        {
            output.Write(Canonical(number));
        }
    }

    public void Time(DateTime value)
    {
        Separate();
        output.Write(value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    public void Integer(int value)
    {
        Separate();
        output.Write(value.ToString(CultureInfo.InvariantCulture));
    }

    public void EndRecord()
    {
        output.Write("\r\n");
        _first = true;
    }

    /// <summary>The decimal's value in plain notation, without the trailing zeros its scale may carry (1.4400 and 1.44 write alike).</summary>
    public static string Canonical(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private void Separate()
    {
        if (!_first)
        {
            output.Write(',');
        }

        _first = false;
    }
}
