using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using CloudBroker.Problems;

namespace CloudBroker.Api.Http.Limits;

/// <summary>
/// The limits request bodies declare on their properties (<see cref="TextAttribute"/>, <see cref="WholeNumberAttribute"/>)
/// and the check of a body against them: every violation with its JSON pointer and limit, before any handler or
/// database sees the value. Patterns are ECMA-262 (as in the OpenAPI document) and match the whole value.
/// </summary>
internal static partial class InputLimits
{
    /// <summary>JavaScript's <c>Number.MAX_SAFE_INTEGER</c>: the largest integer every JSON client reads exactly.</summary>
    public const long MaxWholeNumber = 9_007_199_254_740_991;

    /// <summary>No C0 or C1 control character (NUL, TAB, CR, LF, DEL, …).</summary>
    public const string LinePattern = @"^[^\u0000-\u001F\u007F-\u009F]*$";

    /// <summary>0 to 999999999999.999999: twelve digits keep any amount in a 64-bit count of micro-units.</summary>
    public const string AmountPattern = @"^(0|[1-9][0-9]{0,11})(\.[0-9]{1,6})?$";

    public const int AmountMaxLength = 19;

    /// <summary>A unit price: like an amount, with up to twelve decimals (a GiB-hour of disk costs fractions of a cent).</summary>
    public const string PricePattern = @"^(0|[1-9][0-9]{0,11})(\.[0-9]{1,12})?$";

    public const int PriceMaxLength = 25;

    private static readonly ConcurrentDictionary<JsonPropertyInfo, Declared> DeclaredLimits = new();

    public static string? PatternOf(TextKind kind) => kind switch
    {
        TextKind.Line => LinePattern,
        TextKind.Label => ResourceName.Expression,
        TextKind.Amount => AmountPattern,
        TextKind.Price => PricePattern,
        _ => null,
    };

    /// <summary>Every limit <paramref name="body"/> breaks, its nested objects included.</summary>
    public static List<FieldError> Check(object body, JsonSerializerOptions options)
    {
        var errors = new List<FieldError>();
        CheckObject(body, options.GetTypeInfo(body.GetType()), "", errors);
        return errors;
    }

    private static void CheckObject(object value, JsonTypeInfo type, string pointer, List<FieldError> errors)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.Get?.Invoke(value) is not { } member)
            {
                continue;
            }

            var path = pointer + "/" + Escape(property.Name);
            var declared = DeclaredLimits.GetOrAdd(property, Read);
            switch (member)
            {
                case string text when declared.Text is { } limit:
                    CheckText(text, limit, path, errors);
                    break;
                case IDictionary<string, string?> map when declared.Text is { } limit:
                    CheckMap(map, limit, path, errors);
                    break;
                case IReadOnlyCollection<string?> list when declared.Text is { } limit:
                    CheckList(list, limit, path, errors);
                    break;
                case long number when declared.Whole is { } range:
                    CheckWhole(number, range, path, errors);
                    break;
                case IReadOnlyList<long> numbers when declared.Whole is { } range:
                    CheckWholeList(numbers, declared.Items, range, path, errors);
                    break;
                case IReadOnlyList<object> items when declared.Items is { } most:
                    CheckItems(items, most, type.Options, path, errors);
                    break;
                case not (string or long or bool):
                    CheckObject(member, type.Options.GetTypeInfo(member.GetType()), path, errors);
                    break;
            }
        }
    }

    private static void CheckItems(IReadOnlyList<object> items, ItemsAttribute limit, JsonSerializerOptions options, string pointer, List<FieldError> errors)
    {
        if (items.Count > limit.MaxItems)
        {
            errors.Add(new FieldError(pointer, $"may have at most {limit.MaxItems} items", new FieldLimit(Max: limit.MaxItems)));
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            CheckObject(items[i], options.GetTypeInfo(items[i].GetType()), $"{pointer}/{i}", errors);
        }
    }

    private static void CheckText(string text, TextAttribute limit, string pointer, List<FieldError> errors)
    {
        var declared = new FieldLimit(MaxLength: limit.MaxLength, Pattern: PatternOf(limit.Kind));
        if (text.Length > limit.MaxLength && text.EnumerateRunes().Count() > limit.MaxLength)
        {
            errors.Add(new FieldError(pointer, $"must be at most {limit.MaxLength} characters", declared));
        }
        else if (HasLoneSurrogate(text))
        {
            errors.Add(new FieldError(pointer, "is not valid Unicode text (it holds half of a surrogate pair)", declared));
        }
        else if (!Matches(limit.Kind, text))
        {
            errors.Add(new FieldError(pointer, RuleOf(limit.Kind), declared));
        }
    }

    private static void CheckMap(IDictionary<string, string?> map, TextAttribute limit, string pointer, List<FieldError> errors)
    {
        if (map.Count > limit.MaxItems)
        {
            errors.Add(new FieldError(pointer, $"may have at most {limit.MaxItems} entries", new FieldLimit(Max: limit.MaxItems)));
            return;
        }

        foreach (var (key, value) in map)
        {
            var path = pointer + "/" + Escape(key);
            if (key.Length > limit.MaxKeyLength || HasLoneSurrogate(key))
            {
                errors.Add(new FieldError(path, $"is a name longer than {limit.MaxKeyLength} characters or not valid Unicode", new FieldLimit(MaxLength: limit.MaxKeyLength, Pattern: limit.KeyPattern)));
            }
            else if (limit.KeyPattern is { } keyPattern && (key.EndsWith('\n') || !Regex.IsMatch(key, keyPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))))
            {
                errors.Add(new FieldError(path, $"is a name that does not match {keyPattern}", new FieldLimit(MaxLength: limit.MaxKeyLength, Pattern: keyPattern)));
            }
            else if (value is not null)
            {
                CheckText(value, limit, path, errors);
            }
        }
    }

    private static void CheckList(IReadOnlyCollection<string?> list, TextAttribute limit, string pointer, List<FieldError> errors)
    {
        if (list.Count > limit.MaxItems)
        {
            errors.Add(new FieldError(pointer, $"may have at most {limit.MaxItems} items", new FieldLimit(Max: limit.MaxItems)));
            return;
        }

        var index = 0;
        foreach (var item in list)
        {
            if (item is not null)
            {
                CheckText(item, limit, pointer + "/" + index.ToString(CultureInfo.InvariantCulture), errors);
            }

            index++;
        }
    }

    /// <summary>A list of integers: at most its <see cref="ItemsAttribute"/> count, each in the range.</summary>
    private static void CheckWholeList(IReadOnlyList<long> numbers, ItemsAttribute? most, WholeNumberAttribute range, string pointer, List<FieldError> errors)
    {
        if (most is not null && numbers.Count > most.MaxItems)
        {
            errors.Add(new FieldError(pointer, $"may have at most {most.MaxItems} items", new FieldLimit(Max: most.MaxItems)));
            return;
        }

        for (var i = 0; i < numbers.Count; i++)
        {
            CheckWhole(numbers[i], range, pointer + "/" + i.ToString(CultureInfo.InvariantCulture), errors);
        }
    }

    private static void CheckWhole(long number, WholeNumberAttribute range, string pointer, List<FieldError> errors)
    {
        if (number > range.Max || number < range.Min)
        {
            var detail = range.HasMin ? $"must be between {range.Min} and {range.Max}" : $"must be at most {range.Max}";
            errors.Add(new FieldError(pointer, detail, new FieldLimit(Min: range.HasMin ? range.Min : null, Max: range.Max)));
        }
    }

    private static bool Matches(TextKind kind, string text) => kind switch
    {
        TextKind.Line => !text.Any(char.IsControl),
        TextKind.Label => ResourceName.IsValid(text),
        TextKind.Amount => !text.EndsWith('\n') && Amount().IsMatch(text), // .NET's '$' also matches before a final '\n'
        TextKind.Price => !text.EndsWith('\n') && Price().IsMatch(text),
        _ => true,
    };

    private static string RuleOf(TextKind kind) => kind switch
    {
        TextKind.Label => ResourceName.Rule,
        TextKind.Amount => "must be a decimal string from 0 to 999999999999.999999 with at most six decimals, such as \"100.00\"",
        TextKind.Price => "must be a decimal string from 0 to 999999999999 with at most twelve decimals, such as \"0.0125\"",
        _ => "must be one line of text: no control characters such as NUL, TAB, CR or LF",
    };

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A JSON pointer token (RFC 6901).</summary>
    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static Declared Read(JsonPropertyInfo property)
    {
        var attributes = property.AttributeProvider?.GetCustomAttributes(inherit: false) ?? [];
        return new Declared(attributes.OfType<TextAttribute>().FirstOrDefault(), attributes.OfType<WholeNumberAttribute>().FirstOrDefault(),
            attributes.OfType<ItemsAttribute>().FirstOrDefault());
    }

    [GeneratedRegex(AmountPattern, RegexOptions.CultureInvariant)]
    private static partial Regex Amount();

    [GeneratedRegex(PricePattern, RegexOptions.CultureInvariant)]
    private static partial Regex Price();

    private sealed record Declared(TextAttribute? Text, WholeNumberAttribute? Whole, ItemsAttribute? Items);
}
