using System.Text.Json.Nodes;

namespace CloudBroker.Cli.Output;

/// <summary>
/// A table column: its header, the dotted path of the field it shows (<c>limits.cpu</c>), and how to write the field
/// when its plain text would not read well (a hardware profile's property).
/// </summary>
public sealed record Column(string Header, string Path, Func<JsonNode?, string>? Format = null);
