using System.Text;
using CloudBroker.Problems;

namespace CloudBroker.Api.Http;

/// <summary>
/// <c>?limit=</c> (1–500, default 50) and <c>&amp;cursor=</c>. The cursor is the last key of the previous
/// page, opaque to clients; pages are keyset-ordered, so they stay stable while rows are added.
/// </summary>
internal readonly record struct PageRequest(int Limit, string? After)
{
    public static PageRequest From(int? limit, string? cursor)
    {
        var size = limit ?? RequestLimits.DefaultPageSize;
        if (size is < 1 or > RequestLimits.MaxPageSize)
        {
            throw ProblemException.InvalidParameter("limit", $"must be between 1 and {RequestLimits.MaxPageSize}",
                new FieldLimit(Min: 1, Max: RequestLimits.MaxPageSize));
        }

        return new PageRequest(size, cursor is null ? null : Decode(cursor));
    }

    public static string Encode(string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Takes one row more than the page to learn whether a next page exists.</summary>
    public (IReadOnlyList<T> Items, string? Next) Cut<T>(IReadOnlyList<T> fetched, Func<T, string> key) =>
        fetched.Count > Limit ? (fetched.Take(Limit).ToArray(), Encode(key(fetched[Limit - 1]))) : (fetched, null);

    private static string Decode(string cursor)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
        }
        catch (FormatException)
        {
            throw ProblemException.InvalidParameter("cursor", "is not a cursor this API returned");
        }
    }
}
