using System.Net.Http.Headers;

namespace CloudBroker.Cli.Connection;

/// <summary>Sends the profile's API key as <c>Authorization: Bearer</c> on every request.</summary>
internal sealed class ApiKeyHandler(string apiKey) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return base.SendAsync(request, cancellationToken);
    }
}
