using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudBroker.Api.Models;

/// <summary>
/// One profile property: <c>{"kind": "fixed", "value": 1}</c>, <c>{"kind": "range", "min", "max", "step", "default"}</c>
/// or <c>{"kind": "enum", "values": [...], "default"}</c>. Absent members are omitted.
/// </summary>
public sealed record ProfilePropertyModel(
    string Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Value = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Min = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Max = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Step = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<long>? Values = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Default = null);
