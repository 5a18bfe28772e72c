using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Cli.Connection;

namespace CloudBroker.Cli.Output;

/// <summary>
/// A refusal as a person reads it: the title and type, the detail, each field at fault with its limit, and the
/// problem's own members (a quota's scope, limit, used, reserved and requested; the actions allowed now).
/// </summary>
internal static class ProblemPresenter
{
    private static readonly HashSet<string> Shown = ["type", "title", "status", "detail", "errors", "instance", "traceId"];

    public static int Exit(HttpStatusCode status) => (int)status switch
    {
        401 => ExitCodes.NotAuthenticated,
        404 => ExitCodes.NotFound,
        >= 500 => ExitCodes.Unavailable,
        _ => ExitCodes.Refused,
    };

    public static void Write(TextWriter error, BrokerProblemException refusal)
    {
        if (refusal.Problem is not { } problem)
        {
            error.WriteLine($"error: the broker answered {(int)refusal.Status} {refusal.Status}{(string.IsNullOrWhiteSpace(refusal.Body) ? "" : ": " + refusal.Body.Trim())}");
            return;
        }

        Write(error, problem, (int)refusal.Status);
    }

    public static void Write(TextWriter error, JsonObject problem, int status)
    {
        var slug = ((string?)problem["type"])?.Split('/')[^1];
        error.WriteLine($"error: {(string?)problem["title"] ?? "refused"} ({status}{(slug is null ? "" : " " + slug)})");
        if ((string?)problem["detail"] is { Length: > 0 } detail)
        {
            error.WriteLine("  " + detail);
        }

        if (problem["errors"] is JsonArray errors)
        {
            foreach (var fault in errors.OfType<JsonObject>())
            {
                var limit = fault["limit"] is JsonObject l ? " (limit: " + string.Join(", ", l.Select(p => $"{p.Key} {Text(p.Value)}")) + ")" : "";
                error.WriteLine($"  {(string?)fault["pointer"] ?? "(request)"}: {(string?)fault["detail"]}{limit}");
            }
        }

        foreach (var (key, value) in problem.Where(p => !Shown.Contains(p.Key)))
        {
            error.WriteLine($"  {key}: {Text(value)}");
        }
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray a => string.Join(", ", a.Select(Text)),
        _ => node.ToJsonString(),
    };
}
