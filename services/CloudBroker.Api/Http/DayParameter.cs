using System.Globalization;
using CloudBroker.Problems;

namespace CloudBroker.Api.Http;

/// <summary>A query parameter naming a UTC day, <c>yyyy-MM-dd</c> (charges and costs filter by day).</summary>
internal static class DayParameter
{
    public static DateTime Parse(string text, string parameter) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
            ? DateTime.SpecifyKind(day, DateTimeKind.Utc)
            : throw ProblemException.InvalidParameter(parameter, "must be a UTC day, yyyy-MM-dd", new FieldLimit(Pattern: @"^\d{4}-\d{2}-\d{2}$"));
}
