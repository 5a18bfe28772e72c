using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace CloudBroker.Accounting.Exports;

/// <summary>
/// What an export holds, written last (with the export's success, in one transaction): FOCUS version and schema, who
/// made it and as of when, every file with its SHA-256 and rows, BilledCost summed per currency, the price-book
/// versions that priced it, the usage watermark and whether the period was closed. Its <c>creationDate</c> is the
/// usage watermark, not the wall clock, so the same charges give the same bytes.
/// </summary>
public sealed record ExportManifest(
    string TenantId,
    DateTime PeriodStart,
    int Revision,
    bool Closed,
    DateTime Watermark,
    IReadOnlyList<ExportFile> Files,
    IReadOnlyDictionary<string, BigInteger> BilledCostUnits,
    IReadOnlyList<string> PriceBookVersions)
{
    public const string FileName = "manifest.json";

    public const string DataGenerator = "CloudBroker";

    /// <summary>The manifest's bytes: properties in a fixed order, indented, UTF-8 without a byte-order mark.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("focusVersion", FocusSchema.FocusVersion);
            json.WriteString("schemaId", FocusSchema.SchemaId);
            json.WriteString("dataGenerator", DataGenerator);
            json.WriteString("creationDate", Time(Watermark));
            json.WriteString("tenantId", TenantId);
            json.WriteString("billingPeriod", PeriodStart.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            json.WriteString("billingPeriodStart", Time(PeriodStart));
            json.WriteString("billingPeriodEnd", Time(PeriodStart.AddMonths(1)));
            json.WriteNumber("revision", Revision);
            json.WriteString("periodStatus", Closed ? "closed" : "open");
            json.WriteString("usageWatermark", Time(Watermark));
            json.WriteStartArray("files");
            foreach (var file in Files)
            {
                json.WriteStartObject();
                json.WriteString("name", file.Name);
                json.WriteString("contentType", file.ContentType);
                json.WriteNumber("bytes", file.Length);
                json.WriteNumber("rows", file.Rows);
                json.WriteString("sha256", file.Sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("billedCost");
            foreach (var (currency, units) in BilledCostUnits.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("currency", currency);
                json.WriteString("sum", Text(units));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("priceBookVersions");
            foreach (var version in PriceBookVersions)
            {
                json.WriteStringValue(version);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>A decimal as whole units of 10^-28 (the export's scale), so sums of any length stay exact.</summary>
    public static BigInteger Units(decimal value) => FocusDecimalColumn.Units(value);

    /// <summary>Units of 10^-28 as a plain decimal string without trailing zeros.</summary>
    public static string Text(BigInteger units)
    {
        var digits = BigInteger.Abs(units).ToString(CultureInfo.InvariantCulture).PadLeft(FocusDecimalColumn.Scale + 1, '0');
        var whole = digits[..^FocusDecimalColumn.Scale];
        var fraction = digits[^FocusDecimalColumn.Scale..].TrimEnd('0');
        var text = new StringBuilder(units.Sign < 0 ? "-" : string.Empty).Append(whole);
        if (fraction.Length > 0)
        {
            text.Append('.').Append(fraction);
        }

        return text.ToString();
    }

    private static string Time(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
