using System.Net;
using System.Text.Json.Nodes;

namespace CloudBroker.Cli.Connection;

/// <summary>The broker answered with an error: its status and, when it sent one, its RFC 9457 problem document.</summary>
public sealed class BrokerProblemException(HttpStatusCode status, JsonObject? problem, string? body)
    : Exception($"{(int)status} {(string?)problem?["title"] ?? status.ToString()}")
{
    public HttpStatusCode Status { get; } = status;

    public JsonObject? Problem { get; } = problem;

    public string? Body { get; } = body;
}
