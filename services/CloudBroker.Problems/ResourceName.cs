using System.Text.RegularExpressions;

namespace CloudBroker.Problems;

/// <summary>
/// Names of things are broker-wide RFC 1123 labels, checked here for every provider and every area (instances, keys,
/// tenants, groups, users): a rule of the wire contract, like the problem types, so both the domain and the API use it.
/// </summary>
public static partial class ResourceName
{
    public const int MaxLength = 63;

    /// <summary>The label as a regular expression (the same text in .NET and ECMA-262, for the OpenAPI document).</summary>
    public const string Expression = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";

    public const string Rule = "must be an RFC 1123 label: 1-63 lower-case letters, digits or '-', starting and ending with a letter or digit";

    // .NET's '$' also matches before a final '\n' (ECMA-262's does not): "web\n" is no label.
    public static bool IsValid(string? name) => name is not null && !name.EndsWith('\n') && Pattern().IsMatch(name);

    public static void Check(string? name, string pointer)
    {
        if (!IsValid(name))
        {
            throw ProblemException.Invalid(pointer, Rule, new FieldLimit(MaxLength: MaxLength, Pattern: Expression));
        }
    }

    [GeneratedRegex(Expression)]
    private static partial Regex Pattern();
}
