using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CloudBroker.Api.Tests.Http;

/// <summary>
/// What the served OpenAPI document states of every write body: each field with a value one past its stated limit,
/// and the fields that state none (<see cref="InputLimitsTests"/> sends the former and fails on the latter by name).
/// </summary>
internal static class DocumentedLimits
{
    private static readonly string[] WriteMethods = ["post", "put", "patch", "delete"];

    /// <summary>Every field of every write body of <paramref name="document"/>, each with a value one past its limit; and those without a limit.</summary>
    public static (List<Field> Fields, List<string> Undeclared) PastEachLimit(JsonObject document)
    {
        var fields = new List<Field>();
        var undeclared = new List<string>();
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject().Where(o => WriteMethods.Contains(o.Key)))
            {
                if (operation!["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema)
                {
                    Collect($"{method.ToUpperInvariant()} {path}", Resolve(document, schema), [], document, fields, undeclared);
                }
            }
        }

        return (fields, undeclared);
    }

    /// <summary>Follows <c>$ref</c> and the <c>oneOf: [null, X]</c> of a nullable member to the schema itself.</summary>
    private static JsonObject Resolve(JsonObject document, JsonNode schema)
    {
        if ((string?)schema["$ref"] is { } reference)
        {
            return Resolve(document, document["components"]!["schemas"]![reference.Split('/')[^1]]!);
        }

        if (schema["oneOf"] is JsonArray choices)
        {
            return Resolve(document, choices.Single(c => (string?)c!["type"] != "null")!);
        }

        return schema.AsObject();
    }

    private static string[] Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray types => [.. types.Select(t => (string)t!)],
        JsonValue type => [(string)type!],
        _ => [],
    };

    /// <summary>The fields under <paramref name="schema"/>, each with a value one past its limit; those without a limit go to <paramref name="undeclared"/>.</summary>
    private static void Collect(string operation, JsonObject schema, string[] path, JsonObject document, List<Field> fields, List<string> undeclared)
    {
        foreach (var (name, member) in schema["properties"]?.AsObject() ?? [])
        {
            var at = path.Append(name).ToArray();
            var property = Resolve(document, member!);
            var types = Types(property);
            var where = $"{operation} /{string.Join('/', at)}";
            if (types.Contains("object") && property["properties"] is not null)
            {
                Collect(operation, property, at, document, fields, undeclared);
            }
            else if (types.Contains("integer") || types.Contains("number"))
            {
                CollectNumber(operation, property, at, where, fields, undeclared);
            }
            else if (types.Contains("string"))
            {
                CollectText(operation, property, at, where, fields, undeclared);
            }
            else if (types.Contains("array"))
            {
                var item = Resolve(document, property["items"]!);
                var objects = Types(item).Contains("object");
                if (Types(item).Contains("integer"))
                {
                    // A list of integers: one item too many (each in range), and each item limit one past on the first.
                    var fine = (long?)item["minimum"] ?? 0;
                    CollectCollection(operation, property, at, where, (int?)property["maxItems"], new JsonObject(),
                        count => new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)(fine + i))]), "0", document, fields, []);
                    CollectNumber(operation, item, [.. at, "0"], where + "/0", fields, undeclared);
                    foreach (var field in fields.Where(f => f.Path.Length == at.Length + 1 && f.Path.Take(at.Length).SequenceEqual(at) && f.Container is null && f.Value is JsonValue).ToList())
                    {
                        fields[fields.IndexOf(field)] = field with { Value = new JsonArray(field.Value.DeepClone()), Container = at };
                    }

                    continue;
                }

                CollectCollection(operation, property, at, where, (int?)property["maxItems"], item,
                    count => new JsonArray([.. Enumerable.Range(0, count).Select(i => objects ? new JsonObject() : (JsonNode)$"item{i}")]), "0", document, fields, undeclared);
            }
            else if (types.Contains("object") && property["additionalProperties"] is JsonObject values)
            {
                CollectCollection(operation, property, at, where, (int?)property["maxProperties"], Resolve(document, values),
                    count => new JsonObject(Enumerable.Range(0, count).Select(i => KeyValuePair.Create($"Key{i}", (JsonNode?)"v"))), "Key", document, fields, undeclared);
                if ((int?)property["propertyNames"]?["maxLength"] is { } keyLength)
                {
                    var key = new string('k', keyLength + 1);
                    fields.Add(new Field(operation, [.. at, key], new JsonObject { [key] = "v" }, ("maxLength", keyLength), Container: at));
                }
                else
                {
                    undeclared.Add(where + ": property names without maxLength");
                }
            }
            else if (!types.Contains("boolean"))
            {
                undeclared.Add(where + $": a {string.Join('|', types)} the test does not know how to limit");
            }
        }
    }

    private static void CollectNumber(string operation, JsonObject property, string[] at, string where, List<Field> fields, List<string> undeclared)
    {
        var (maximum, minimum) = ((long?)property["maximum"], (long?)property["minimum"]);
        if (maximum is null && minimum is null)
        {
            undeclared.Add(where + ": a number without minimum or maximum");
        }

        if (maximum is { } max)
        {
            fields.Add(new Field(operation, at, max + 1, ("max", max)));
        }

        if (minimum is { } min)
        {
            fields.Add(new Field(operation, at, min - 1, ("min", min)));
        }
    }

    private static void CollectText(string operation, JsonObject property, string[] at, string where, List<Field> fields, List<string> undeclared)
    {
        if ((int?)property["maxLength"] is not { } maxLength)
        {
            undeclared.Add(where + ": a string without maxLength");
            return;
        }

        fields.Add(new Field(operation, at, new string('a', maxLength + 1), ("maxLength", maxLength)));
        if ((string?)property["pattern"] is { } pattern && !Regex.IsMatch("a\r\nFORGED", pattern))
        {
            fields.Add(new Field(operation, at, "a\r\nFORGED", ("maxLength", maxLength)));
        }
    }

    private static void CollectCollection(
        string operation, JsonObject property, string[] at, string where, int? maxItems, JsonObject item, Func<int, JsonNode> make, string firstKey,
        JsonObject document, List<Field> fields, List<string> undeclared)
    {
        if (maxItems is { } most)
        {
            fields.Add(new Field(operation, at, make(most + 1), ("max", most)));
        }
        else
        {
            undeclared.Add(where + ": a collection without maxItems or maxProperties");
        }

        if (Types(item).Contains("object") && item["properties"] is not null)
        {
            Collect(operation, item, [.. at, "0"], document, fields, undeclared); // an array of objects: each field of its first item
        }
        else if (Types(item).Contains("string") && (int?)item["maxLength"] is { } maxLength)
        {
            var one = make(1);
            var tooLong = new string('a', maxLength + 1);
            if (one is JsonArray array)
            {
                array[0] = tooLong;
            }
            else
            {
                one[firstKey + "0"] = tooLong;
            }

            fields.Add(new Field(operation, [.. at, one is JsonArray ? firstKey : firstKey + "0"], one, ("maxLength", maxLength), Container: at));
        }
        else
        {
            undeclared.Add(where + ": items or values without a string maxLength");
        }
    }

    /// <summary>
    /// One value past one limit: <see cref="Path"/> names the field (and its <see cref="Pointer"/>), <see cref="Value"/> is put at
    /// <see cref="Container"/> (the field itself unless the value is the collection holding it), and the refusal must state <see cref="Limit"/>.
    /// </summary>
    internal sealed record Field(string Operation, string[] Path, JsonNode Value, (string Name, long Value) Limit, string[]? Container = null)
    {
        public string Pointer => "/" + string.Join('/', Path.Select(p => p.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));

        public JsonObject Body()
        {
            var target = Container ?? Path;
            var body = new JsonObject();
            var node = body;
            for (var i = 0; i < target.Length - 1; i++)
            {
                if (i > 0 && target[i] == "0")
                {
                    continue; // the item made with its array below
                }

                var next = new JsonObject();
                node[target[i]] = target[i + 1] == "0" && i + 2 < target.Length ? new JsonArray(next) : next;
                node = next;
            }

            node[target[^1]] = Value.DeepClone();
            return body;
        }

        public override string ToString() =>
            $"{Operation} {Pointer} = {Abbreviate(Value.ToJsonString())} (limit {Limit.Name} {Limit.Value.ToString(CultureInfo.InvariantCulture)})";

        private static string Abbreviate(string text) => text.Length <= 60 ? text : text[..60] + $"… ({text.Length} chars)";
    }
}
