using System.Text.Json.Serialization;

namespace CloudBroker.Problems;

/// <summary>
/// The limit a field broke: a range (with step), a set of allowed values (numbers or strings), or a maximum length
/// (in characters) with the pattern the text must match (an ECMA-262 regular expression, as in the OpenAPI document).
/// </summary>
public sealed record FieldLimit(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Min = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Max = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Step = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<object>? Values = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MaxLength = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Pattern = null);
