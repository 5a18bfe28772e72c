using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Placement;

/// <summary>Reading and changing pools over HTTP.</summary>
public static class PoolCalls
{
    public static async Task<(JsonObject Pool, string ETag)> GetPoolAsync(this HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/pools/{id}", Ct);
        var pool = await ExpectJsonAsync(response, HttpStatusCode.OK);
        return (pool, response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("no ETag"));
    }

    public static async Task<HttpResponseMessage> PutPoolAsync(this HttpClient client, string id, JsonObject body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/pools/{id}") { Content = Body(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, Ct);
    }

    /// <summary>Replaces the pool (If-Match read first); asserts 200 and returns it.</summary>
    public static async Task<JsonObject> SetPoolAsync(this HttpClient admin, string id, JsonObject body)
    {
        using var response = await admin.PutPoolAsync(id, body, (await admin.GetPoolAsync(id)).ETag);
        return await ExpectJsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>The pool's row of <paramref name="realm"/>.</summary>
    public static JsonObject Realm(this JsonObject pool, string realm) =>
        pool["inventory"]!.AsArray().Select(r => r!.AsObject()).Single(r => (string?)r["realmId"] == realm);

    /// <summary>Polls the pool until the refresher has read its provider's figures for <paramref name="realm"/>.</summary>
    public static async Task<JsonObject> WaitForProviderCapacityAsync(this HttpClient admin, string id, string realm)
    {
        var deadline = DateTime.UtcNow + InstanceCalls.Timeout;
        while (true)
        {
            var (pool, _) = await admin.GetPoolAsync(id);
            if (pool["inventory"]!.AsArray().Any(r => (string?)r!["realmId"] == realm && (string?)r["capacitySource"] == "provider"))
            {
                return pool;
            }

            Assert.True(DateTime.UtcNow < deadline, $"pool '{id}' never read its provider's capacity: {pool.ToJsonString()}");
            await Task.Delay(50, Ct);
        }
    }
}
