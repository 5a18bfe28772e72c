using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Infrastructure;

/// <summary>Defining providers through the API in tests.</summary>
public static class StoredProviders
{
    /// <summary>A mock provider body with fast delays and the mock's accepted credentials.</summary>
    public static JsonObject MockBody(string id, string password = "mockpassword") => new()
    {
        ["id"] = id,
        ["driver"] = "mock",
        ["settings"] = new JsonObject { ["BootDelay"] = "00:00:00.3", ["DestroyDelay"] = "00:00:00.1" },
        ["credentials"] = new JsonObject { ["username"] = "mockuser", ["password"] = password },
    };

    /// <summary>Posts a provider, asserts the 201 and returns the body and its ETag.</summary>
    public static async Task<(JsonObject Body, string ETag)> CreateProviderAsync(this HttpClient admin, JsonObject body)
    {
        using var response = await admin.PostAsync("/api/providers", Body(body), Ct);
        var created = await ExpectJsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("/api/providers/" + (string?)body["id"], response.Headers.Location?.OriginalString);
        return (created, response.Headers.ETag!.ToString());
    }

    public static async Task<HttpResponseMessage> PutProviderAsync(this HttpClient admin, string id, JsonObject body, string? etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/providers/" + id) { Content = Body(body) };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        }

        return await admin.SendAsync(request, Ct);
    }

    public static async Task<JsonObject> GetProviderAsync(this HttpClient client, string id)
    {
        using var response = await client.GetAsync("/api/providers/" + id, Ct);
        return await ExpectJsonAsync(response, HttpStatusCode.OK);
    }

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
