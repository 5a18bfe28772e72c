using System.Globalization;
using System.Text.RegularExpressions;
using CloudBroker.Problems;

namespace CloudBroker.Api.Http;

/// <summary>A time in a query (<c>from</c>, <c>to</c>): RFC 3339 with a zone (<c>Z</c> or an offset), read as UTC.</summary>
internal static partial class TimestampParameter
{
    public static DateTime? Parse(string parameter, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!Rfc3339().IsMatch(value)
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            throw ProblemException.InvalidParameter(parameter, $"'{value}' is not an RFC 3339 timestamp such as 2026-11-27T10:00:00Z");
        }

        return parsed.UtcDateTime;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
