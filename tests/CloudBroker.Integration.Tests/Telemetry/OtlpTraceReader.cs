namespace CloudBroker.Integration.Tests.Telemetry;

/// <summary>
/// Reads the spans out of an OTLP <c>ExportTraceServiceRequest</c> (protobuf), as far as the test needs: no generated
/// code, just the wire format's varints and length-delimited fields. Field numbers are those of
/// <c>opentelemetry/proto/trace/v1/trace.proto</c> and <c>common/v1/common.proto</c>.
/// </summary>
internal static class OtlpTraceReader
{
    public static List<OtlpSpan> Read(ReadOnlyMemory<byte> request)
    {
        var spans = new List<OtlpSpan>();
        foreach (var resourceSpans in Fields(request, 1))
        {
            var resource = Fields(resourceSpans, 1).Select(r => Attributes(r, 1)).FirstOrDefault() ?? [];
            var service = resource.GetValueOrDefault("service.name", "");
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                var scope = Fields(scopeSpans, 1).Select(s => Text(Fields(s, 1).FirstOrDefault())).FirstOrDefault() ?? "";
                spans.AddRange(Fields(scopeSpans, 2).Select(span => new OtlpSpan(
                    service,
                    scope,
                    Hex(Fields(span, 1).FirstOrDefault()),
                    Hex(Fields(span, 2).FirstOrDefault()),
                    Hex(Fields(span, 4).FirstOrDefault()),
                    Text(Fields(span, 5).FirstOrDefault()),
                    (int)Varints(span, 6).FirstOrDefault(),
                    Attributes(span, 9))));
            }
        }

        return spans;
    }

    /// <summary>KeyValue attributes (field <paramref name="field"/>) with string values; others are left out.</summary>
    private static Dictionary<string, string> Attributes(ReadOnlyMemory<byte> message, int field)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Fields(message, field))
        {
            var value = Fields(pair, 2).FirstOrDefault();
            if (Fields(value, 1).Any())
            {
                attributes[Text(Fields(pair, 1).FirstOrDefault())] = Text(Fields(value, 1).First());
            }
        }

        return attributes;
    }

    /// <summary>The length-delimited occurrences of field <paramref name="number"/> in <paramref name="message"/>.</summary>
    private static IEnumerable<ReadOnlyMemory<byte>> Fields(ReadOnlyMemory<byte> message, int number) =>
        Walk(message).Where(f => f.Number == number && f.WireType == 2).Select(f => f.Bytes);

    private static IEnumerable<ulong> Varints(ReadOnlyMemory<byte> message, int number) =>
        Walk(message).Where(f => f.Number == number && f.WireType == 0).Select(f => f.Varint);

    private static IEnumerable<(int Number, int WireType, ulong Varint, ReadOnlyMemory<byte> Bytes)> Walk(ReadOnlyMemory<byte> message)
    {
        var at = 0;
        while (at < message.Length)
        {
            var key = ReadVarint(message.Span, ref at);
            var (number, wireType) = ((int)(key >> 3), (int)(key & 7));
            switch (wireType)
            {
                case 0:
                    yield return (number, wireType, ReadVarint(message.Span, ref at), default);
                    break;
                case 1:
                    at += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message.Span, ref at);
                    yield return (number, wireType, 0, message.Slice(at, length));
                    at += length;
                    break;
                case 5:
                    at += 4;
                    break;
                default:
                    throw new InvalidDataException($"protobuf wire type {wireType} at byte {at}");
            }
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    private static string Text(ReadOnlyMemory<byte> bytes) => System.Text.Encoding.UTF8.GetString(bytes.Span);

    private static string Hex(ReadOnlyMemory<byte> bytes) => Convert.ToHexStringLower(bytes.Span);
}
