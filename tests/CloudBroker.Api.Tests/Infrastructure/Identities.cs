using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Infrastructure;

/// <summary>Tenants, groups, users and keys made through the API, as an administrator would.</summary>
public static class Identities
{
    public static async Task<(JsonObject Body, string ETag)> PostAsync(this HttpClient client, string path, JsonObject body)
    {
        using var response = await client.PostAsync(path, Body(body), Ct);
        var created = await ExpectJsonAsync(response, HttpStatusCode.Created);
        return (created, response.Headers.ETag?.Tag ?? string.Empty);
    }

    public static async Task<string> CreateTenantAsync(this HttpClient admin, string name) =>
        (string)(await admin.PostAsync("/api/tenants", new JsonObject { ["name"] = name })).Body["id"]!;

    /// <summary>The id of the group <c>default</c> made with a tenant.</summary>
    public static async Task<string> DefaultGroupAsync(this HttpClient admin, string tenantId)
    {
        using var response = await admin.GetAsync($"/api/groups?tenantId={tenantId}", Ct);
        var page = await ExpectJsonAsync(response, HttpStatusCode.OK);
        return (string)page["items"]!.AsArray().Single(g => (string?)g!["name"] == "default")!["id"]!;
    }

    public static async Task<string> CreateUserAsync(this HttpClient client, string tenantId, string name, string[] roles, params string[] groupIds)
    {
        var body = new JsonObject
        {
            ["tenantId"] = tenantId, ["name"] = name,
            ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)r)]),
        };
        if (groupIds.Length > 0)
        {
            body["groupIds"] = new JsonArray([.. groupIds.Select(g => (JsonNode)g)]);
        }

        return (string)(await client.PostAsync("/api/users", body)).Body["id"]!;
    }

    /// <summary>Issues a key for the user and returns its secret (the only time it is shown).</summary>
    public static async Task<string> IssueKeyAsync(this HttpClient client, string userId) =>
        (string)(await client.PostAsync($"/api/users/{userId}/api-keys", new JsonObject { ["name"] = "tests" })).Body["secret"]!;

    public static HttpClient WithKey(this ApiFactory factory, string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
