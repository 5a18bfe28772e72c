using CloudBroker.Problems;

namespace CloudBroker.Api.Http;

/// <summary>
/// Optimistic concurrency for PUT and PATCH: the request must carry <c>If-Match</c> with the resource's
/// current <c>ETag</c> (428 <c>precondition-required</c> without it, 412 <c>precondition-failed</c> when stale).
/// The save that follows must still compare the row's version (another writer may come in between): a
/// <c>DbUpdateConcurrencyException</c> there is answered 412 too (<see cref="Stale"/>).
/// </summary>
public static class IfMatch
{
    /// <summary>Checks the request's <c>If-Match</c> against <paramref name="currentVersion"/>.</summary>
    public static void Require(HttpContext http, int currentVersion)
    {
        var header = http.Request.Headers.IfMatch;
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header.ToString()))
        {
            throw new ProblemException(ProblemTypes.PreconditionRequired,
                "send If-Match with the ETag of your last read of this resource (a GET answers it), so a concurrent change is not overwritten");
        }

        var current = WireMapping.ETag(currentVersion);
        var sent = header.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (!sent.Any(tag => tag == "*" || tag == current))
        {
            throw Stale(current);
        }
    }

    /// <summary>The answer when the resource changed since the caller read it.</summary>
    public static ProblemException Stale(string? currentEtag = null) => new(ProblemTypes.PreconditionFailed,
        currentEtag is null ? "the resource changed since you read it; read it again and retry"
            : $"the resource changed since you read it (its ETag is now {currentEtag}); read it again and retry");
}
