using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudBroker.Cli.Connection;

/// <summary>
/// Turns every error answer into a <see cref="BrokerProblemException"/> carrying the whole problem document, before
/// the generated client reads it: its models know the problem's common fields, the CLI shows all of them (the field at
/// fault, the limit hit, the quota's numbers).
/// </summary>
internal sealed class ProblemHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new BrokerProblemException(response.StatusCode, Parse(body), body);
        }
    }

    private static JsonObject? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
