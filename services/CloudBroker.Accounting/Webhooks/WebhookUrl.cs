using CloudBroker.Drivers;
using CloudBroker.Problems;

namespace CloudBroker.Accounting.Webhooks;

/// <summary>
/// What a webhook's URL may be: absolute <c>https</c> or <c>http</c>, no user info or fragment, and a host the
/// endpoint policy providers defined through the API connect under allows (<see cref="EndpointPolicy.RefuseHost"/>:
/// the same allow-list, link-local, metadata and own-host refusals); the sender's connections are judged again by the
/// same policy, so a name that later resolves to a refused address reaches nothing.
/// </summary>
public static class WebhookUrl
{
    public const int MaxLength = 2048;

    private const string Pointer = "/url";

    public static Uri Check(string? url, EndpointPolicy endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (string.IsNullOrWhiteSpace(url))
        {
            throw ProblemException.Invalid(Pointer, "is required");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw ProblemException.Invalid(Pointer, "must be an absolute https or http URL");
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            throw ProblemException.Invalid(Pointer, "may carry no user info and no fragment");
        }

        if (endpoints.RefuseHost(uri.IdnHost) is { } refusal)
        {
            throw ProblemException.Invalid(Pointer, $"host '{uri.IdnHost}' {refusal}");
        }

        return uri;
    }
}
