using System.Text.RegularExpressions;

namespace CloudBroker.Testing.Ec2;

/// <summary>EC2 filter values: <c>*</c> matches any run of characters, <c>?</c> one character.</summary>
internal static class Glob
{
    public static bool Matches(string pattern, string value) =>
        Regex.IsMatch(
            value,
            "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.Singleline | RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));

    public static bool MatchesAny(IReadOnlyList<string> patterns, string? value) =>
        value is not null && patterns.Any(p => Matches(p, value));
}
