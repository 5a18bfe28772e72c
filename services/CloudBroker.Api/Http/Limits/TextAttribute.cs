namespace CloudBroker.Api.Http.Limits;

/// <summary>
/// The limit of a string property of a request body: at most <see cref="MaxLength"/> characters (Unicode code points,
/// as JSON Schema counts them) of a <see cref="TextKind"/>. On an array or a map of strings it limits each string, and
/// <see cref="MaxItems"/> the count (and <see cref="MaxKeyLength"/> a map's property names). Checked before the handler
/// runs (<see cref="InputLimitsFilter"/>) and shown in the OpenAPI document (<see cref="InputLimitsSchemaTransformer"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TextAttribute(int maxLength, TextKind kind = TextKind.Line) : Attribute
{
    public int MaxLength { get; } = maxLength;

    public TextKind Kind { get; } = kind;

    /// <summary>For an array or a map: the most items it may have.</summary>
    public int MaxItems { get; set; }

    /// <summary>For a map: the longest property name.</summary>
    public int MaxKeyLength { get; set; }

    /// <summary>For a map: the ECMA-262 pattern every property name matches (none when null).</summary>
    public string? KeyPattern { get; set; }
}
