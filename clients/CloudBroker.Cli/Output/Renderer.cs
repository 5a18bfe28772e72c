using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Core;

namespace CloudBroker.Cli.Output;

/// <summary>
/// Writes what the broker answered in the chosen format. JSON and YAML keep the wire's field names and every field;
/// a table shows the columns a command names (a single object as field/value rows).
/// </summary>
public sealed class Renderer(TextWriter output, OutputFormat format)
{
    // Relaxed escaping: "+00:00" and "é" print as themselves; the output is a terminal or a file, never HTML.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public OutputFormat Format { get; } = format;

    public void List(JsonArray items, IReadOnlyList<Column> columns)
    {
        switch (Format)
        {
            case OutputFormat.Json:
                output.WriteLine(items.ToJsonString(Indented));
                break;
            case OutputFormat.Yaml:
                WriteYaml(items);
                break;
            default:
                WriteTable(columns.Select(c => c.Header).ToList(), items.Select(item => columns.Select(c => Cell(item, c)).ToList()).ToList());
                break;
        }
    }

    public void One(JsonNode item, IReadOnlyList<Column>? columns = null)
    {
        switch (Format)
        {
            case OutputFormat.Json:
                output.WriteLine(item.ToJsonString(Indented));
                break;
            case OutputFormat.Yaml:
                WriteYaml(item);
                break;
            default:
                var rows = columns is null
                    ? item.AsObject().Select(p => new List<string> { p.Key, Text(p.Value) }).ToList()
                    : columns.Select(c => new List<string> { c.Header, Cell(item, c) }).ToList();
                WriteTable(["FIELD", "VALUE"], rows);
                break;
        }
    }

    private void WriteTable(List<string> headers, List<List<string>> rows)
    {
        var widths = headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var line = new StringBuilder();
        foreach (var row in rows.Prepend(headers))
        {
            line.Clear();
            for (var i = 0; i < row.Count; i++)
            {
                line.Append(i == row.Count - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            output.WriteLine(line.ToString().TrimEnd());
        }
    }

    private static string Cell(JsonNode? item, Column column)
    {
        var node = item;
        foreach (var part in column.Path.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return column.Format is { } format ? format(node) : Text(node);
    }

    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        JsonArray a => string.Join(",", a.Select(Text)),
        _ => node.ToJsonString(),
    };

    private void WriteYaml(JsonNode node)
    {
        var stream = new YamlStream(new YamlDocument(ToYaml(node)));
        var text = new StringWriter(CultureInfo.InvariantCulture);
        stream.Save(text, assignAnchors: false);
        output.Write(text.ToString().Replace("\n...\n", "\n", StringComparison.Ordinal));
    }

    private static YamlNode ToYaml(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var map = new YamlMappingNode();
                foreach (var (key, value) in o)
                {
                    map.Add(new YamlScalarNode(key), ToYaml(value));
                }

                return map;
            case JsonArray a:
                return new YamlSequenceNode(a.Select(ToYaml));
            case JsonValue v when v.TryGetValue<string>(out var s):
                // Quoted so a string that reads as a number, a date or "true" stays a string.
                return new YamlScalarNode(s) { Style = ScalarStyle.DoubleQuoted };
            case null:
                return new YamlScalarNode("null");
            default:
                return new YamlScalarNode(node.ToJsonString());
        }
    }
}
