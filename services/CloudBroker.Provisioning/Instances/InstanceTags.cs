using System.Text.Json;
using System.Text.RegularExpressions;
using CloudBroker.Problems;

namespace CloudBroker.Provisioning.Instances;

/// <summary>
/// The rules of an instance's tags (free key/value pairs users and finance group usage by): at most
/// <see cref="MaxCount"/>, keys of 1-<see cref="MaxKeyLength"/> characters from <see cref="KeyExpression"/>, values of at
/// most <see cref="MaxValueLength"/> characters without control characters, and the <see cref="ReservedPrefix"/> kept for
/// the broker. Stored and recorded as one JSON object with its keys in ordinal order, so equal tags are equal text.
/// </summary>
public static partial class InstanceTags
{
    public const int MaxCount = 50;

    public const int MaxKeyLength = 128;

    public const int MaxValueLength = 256;

    /// <summary>Keys: a letter or digit, then letters, digits and <c>. _ : / = + - @</c> (the same text in .NET and ECMA-262).</summary>
    public const string KeyExpression = "^[A-Za-z0-9][A-Za-z0-9._:/=+@-]{0,127}$";

    /// <summary>Values: one line of text, no C0 or C1 control characters.</summary>
    public const string ValueExpression = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$";

    /// <summary>Keys the broker keeps for itself (any case).</summary>
    public const string ReservedPrefix = "cloudbroker:";

    public static readonly IReadOnlyDictionary<string, string> None = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Checks tags at <paramref name="pointer"/> (<c>/tags</c>); a problem names the tag at fault and the limit. Only the
    /// keys <paramref name="given"/> (a patch's) are checked one by one: tags stored before stay as they are.
    /// </summary>
    public static void Check(IReadOnlyDictionary<string, string> tags, string pointer, IEnumerable<string>? given = null)
    {
        if (tags.Count > MaxCount)
        {
            throw ProblemException.Invalid(pointer, $"at most {MaxCount} tags; {tags.Count} were given", new FieldLimit(Max: MaxCount));
        }

        foreach (var key in given ?? tags.Keys)
        {
            if (!tags.TryGetValue(key, out var value))
            {
                continue; // removed by the patch
            }

            var at = pointer + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
            if (key.Length > MaxKeyLength || key.EndsWith('\n') || !KeyPattern().IsMatch(key))
            {
                throw ProblemException.Invalid(at, $"a tag key must be 1-{MaxKeyLength} letters, digits or . _ : / = + - @, starting with a letter or digit",
                    new FieldLimit(MaxLength: MaxKeyLength, Pattern: KeyExpression));
            }

            if (key.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase))
            {
                throw ProblemException.Invalid(at, $"tag keys starting with '{ReservedPrefix}' are reserved for the broker",
                    new FieldLimit(MaxLength: MaxKeyLength, Pattern: KeyExpression));
            }

            if (value.Length > MaxValueLength || !ValuePattern().IsMatch(value))
            {
                throw ProblemException.Invalid(at, $"a tag value must be text of at most {MaxValueLength} characters without control characters",
                    new FieldLimit(MaxLength: MaxValueLength, Pattern: ValueExpression));
            }
        }
    }

    /// <summary>
    /// <paramref name="current"/> with <paramref name="patch"/> applied as a JSON merge patch (RFC 7396): a value sets
    /// its key, <c>null</c> removes it, keys not named stay. The result is checked (<see cref="Check"/>); an empty patch
    /// over no tags is how a create without tags starts.
    /// </summary>
    public static SortedDictionary<string, string> Merge(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string?> patch, string pointer)
    {
        var merged = Ordered(current);
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                merged.Remove(key);
            }
            else
            {
                merged[key] = value;
            }
        }

        Check(merged, pointer, patch.Keys);
        return merged;
    }

    /// <summary>The tags in ordinal key order, as stored and recorded.</summary>
    public static SortedDictionary<string, string> Ordered(IEnumerable<KeyValuePair<string, string>> tags) =>
        new(tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal), StringComparer.Ordinal);

    public static string ToJson(IReadOnlyDictionary<string, string> tags) =>
        JsonSerializer.Serialize(Ordered(tags));

    public static SortedDictionary<string, string> FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? new(StringComparer.Ordinal) : Ordered(JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []);

    [GeneratedRegex(KeyExpression)]
    private static partial Regex KeyPattern();

    [GeneratedRegex(ValueExpression)]
    private static partial Regex ValuePattern();
}
