using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudBroker.Integration.Tests;

/// <summary>One request the workload sends: retried after a restart with the same <c>Idempotency-Key</c> when its answer was lost.</summary>
internal sealed record PlannedRequest(int Round, string Key, string Kind, string Method, string Path, string? Body, string? Name, string? InstanceId)
{
    public override string ToString() => $"{Method} {Path} ({Kind}{(Name is null ? "" : " " + Name)}, key {Key})";
}

/// <summary>An answer read to the end: the status, the headers the test needs and the body.</summary>
internal sealed record Answer(int Status, string Body, string? Location, string? OperationLocation, bool Replayed)
{
    public string? ProblemType => Status >= 400 && TryParse(Body) is JsonObject problem ? (string?)problem["type"] : null;

    public override string ToString() => $"{Status}{(Replayed ? " (replayed)" : "")} {Shorten(Body, 400)}";

    public static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}

/// <summary>An instance as <c>GET /api/instances</c> lists it (the members the test needs).</summary>
internal sealed record ListedInstance(string Id, string Name, string State);

/// <summary>The few API calls the scenario makes.</summary>
internal static class BrokerCalls
{
    public static readonly string[] TerminalStatuses = ["succeeded", "failed", "cancelled"];

    /// <summary>
    /// Sends the request and reads the whole answer; <c>null</c> when the connection failed (the answer, and
    /// maybe the request, was lost to a kill).
    /// </summary>
    public static async Task<Answer?> SendAsync(HttpClient client, PlannedRequest planned, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(planned.Method), planned.Path);
        request.Headers.Add("Idempotency-Key", planned.Key);
        if (planned.Body is not null)
        {
            request.Content = new StringContent(planned.Body, Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new Answer(
                (int)response.StatusCode,
                body,
                response.Headers.Location?.OriginalString,
                Header(response.Headers, "Operation-Location"),
                Header(response.Headers, "Idempotent-Replayed") == "true");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException
                                   || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    /// <summary>Every instance of the admin's tenant, page by page.</summary>
    public static async Task<IReadOnlyList<ListedInstance>> ListInstancesAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var all = new List<ListedInstance>();
        string? cursor = null;
        do
        {
            var page = await GetJsonAsync(client, "/api/instances?limit=500" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), cancellationToken);
            foreach (var item in page["items"]!.AsArray())
            {
                all.Add(new ListedInstance((string)item!["id"]!, (string)item["name"]!, (string)item["state"]!));
            }

            cursor = (string?)page["next"];
        }
        while (cursor is not null);

        return all;
    }

    public static async Task<JsonObject> GetJsonAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(path, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode && Answer.TryParse(text) is JsonObject json
            ? json
            : throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {Answer.Shorten(text, 400)}");
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
