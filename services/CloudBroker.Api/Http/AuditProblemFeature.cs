namespace CloudBroker.Api.Http;

/// <summary>
/// Set on audited requests: whichever part of the pipeline writes a problem document (the exception
/// handler, the authentication handler, status code pages) leaves its type slug here for the audit entry,
/// so the recorder never reads a response body.
/// </summary>
internal sealed class AuditProblemFeature
{
    public string? Slug { get; set; }

    /// <summary>Called where every problem document is finished (<see cref="ApiServiceExtensions"/>).</summary>
    public static void Note(HttpContext context, string? type)
    {
        if (context.Features.Get<AuditProblemFeature>() is { } feature && type is not null)
        {
            feature.Slug = type.StartsWith("/problems/", StringComparison.Ordinal) ? type["/problems/".Length..] : type;
        }
    }
}
