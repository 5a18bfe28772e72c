using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CloudBroker.Integration.Tests.Quotas;

/// <summary>Tenants, users, keys and quotas set up over HTTP, as an operator of a scaled-out broker does it.</summary>
internal static class TenantCalls
{
    public static async Task<JsonObject> SendAsync(this HttpClient client, HttpMethod method, string path, JsonObject? body, HttpStatusCode expected, CancellationToken ct, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        using var response = await client.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        }

        var json = text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!.AsObject();
        if (response.Headers.ETag is { } etag)
        {
            json["__etag"] = etag.Tag;
        }

        return json;
    }

    public static async Task<string> CreateTenantAsync(this HttpClient admin, string name, CancellationToken ct) =>
        (string)(await admin.SendAsync(HttpMethod.Post, "/api/tenants", new JsonObject { ["name"] = name }, HttpStatusCode.Created, ct))["id"]!;

    public static async Task<string> CreateGroupAsync(this HttpClient admin, string tenantId, string name, CancellationToken ct) =>
        (string)(await admin.SendAsync(HttpMethod.Post, "/api/groups", new JsonObject { ["tenantId"] = tenantId, ["name"] = name }, HttpStatusCode.Created, ct))["id"]!;

    /// <summary>A member of <paramref name="groupId"/> and a new API key of it.</summary>
    public static async Task<(string UserId, string Key)> CreateMemberAsync(this HttpClient admin, string tenantId, string groupId, string name, CancellationToken ct)
    {
        var user = (string)(await admin.SendAsync(HttpMethod.Post, "/api/users", new JsonObject
        {
            ["tenantId"] = tenantId, ["name"] = name, ["roles"] = new JsonArray("member"), ["groupIds"] = new JsonArray(groupId),
        }, HttpStatusCode.Created, ct))["id"]!;
        var key = (string)(await admin.SendAsync(HttpMethod.Post, $"/api/users/{user}/api-keys", new JsonObject(), HttpStatusCode.Created, ct))["secret"]!;
        return (user, key);
    }

    /// <summary>Sets a scope's limits with the ETag just read (PUT needs If-Match).</summary>
    public static async Task SetLimitsAsync(this HttpClient admin, string scope, string id, JsonObject limits, CancellationToken ct)
    {
        var current = await admin.SendAsync(HttpMethod.Get, $"/api/quotas/{scope}/{id}", null, HttpStatusCode.OK, ct);
        await admin.SendAsync(HttpMethod.Put, $"/api/quotas/{scope}/{id}", new JsonObject { ["limits"] = limits }, HttpStatusCode.OK, ct, (string)current["__etag"]!);
    }

    public static Task<JsonObject> UsageAsync(this HttpClient client, string scope, string id, CancellationToken ct) =>
        client.SendAsync(HttpMethod.Get, $"/api/quotas/{scope}/{id}/usage", null, HttpStatusCode.OK, ct);

    /// <summary>A client of the same API process acting with another key.</summary>
    public static HttpClient As(this HttpClient api, string key)
    {
        var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
