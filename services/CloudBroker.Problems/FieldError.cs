using System.Text.Json.Serialization;

namespace CloudBroker.Problems;

/// <summary>
/// One input at fault: a JSON pointer into the body (or the query parameter's name), what is
/// wrong, and the limit that was hit.
/// </summary>
public sealed record FieldError(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Pointer,
    string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FieldLimit? Limit = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Parameter = null)
{
    public static FieldError ForParameter(string parameter, string detail, FieldLimit? limit = null) => new(null, detail, limit, parameter);
}
