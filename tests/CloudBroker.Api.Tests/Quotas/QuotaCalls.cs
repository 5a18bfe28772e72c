using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Quotas;

/// <summary>Setting quotas and reading usage over HTTP, and making a tenant of one's own per test.</summary>
public static class QuotaCalls
{
    /// <summary>A new tenant with a member whose default group is <c>&lt;tenant&gt;-default</c>; returns the tenant id and the member's client.</summary>
    public static async Task<(string TenantId, HttpClient Member)> NewTenantAsync(this ApiFactory factory, string prefix)
    {
        var tenantId = UniqueName(prefix);
        var key = await factory.AddUserKeyAsync(tenantId + "-member", "member", tenantId);
        return (tenantId, factory.CreateAdminClient(key));
    }

    /// <summary>PUT with the If-Match read by a GET first; asserts 200 and returns the quota.</summary>
    public static async Task<JsonObject> SetQuotaAsync(this HttpClient client, string scope, string id, JsonObject limits, JsonObject? warnAt = null)
    {
        using var response = await client.PutQuotaAsync(scope, id, limits, warnAt, await client.ETagAsync(scope, id));
        return await ExpectJsonAsync(response, HttpStatusCode.OK);
    }

    public static async Task<HttpResponseMessage> PutQuotaAsync(this HttpClient client, string scope, string id, JsonObject limits, JsonObject? warnAt, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/quotas/{scope}/{id}")
        {
            Content = Body(new JsonObject { ["limits"] = limits.DeepClone(), ["warnAt"] = warnAt?.DeepClone() ?? new JsonObject() }),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, Ct);
    }

    public static async Task<string> ETagAsync(this HttpClient client, string scope, string id)
    {
        using var response = await client.GetAsync($"/api/quotas/{scope}/{id}", Ct);
        await ExpectJsonAsync(response, HttpStatusCode.OK);
        return response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("no ETag");
    }

    public static async Task<JsonObject> UsageAsync(this HttpClient client, string scope, string id)
    {
        using var response = await client.GetAsync($"/api/quotas/{scope}/{id}/usage", Ct);
        return await ExpectJsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>What a usage document shows held of a resource: used plus reserved.</summary>
    public static long Held(this JsonObject usage, string resource) => (long)usage[resource]!["used"]! + (long)usage[resource]!["reserved"]!;

    /// <summary>Asserts a 403 quota-exceeded naming the scope and resource; returns the problem.</summary>
    public static async Task<JsonObject> ExpectQuotaExceededAsync(HttpResponseMessage response, string scope, string scopeId, string resource)
    {
        var problem = await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "quota-exceeded");
        Assert.Equal(scope, (string?)problem["scope"]);
        Assert.Equal(scopeId, (string?)problem["scopeId"]);
        Assert.Equal(resource, (string?)problem["resource"]);
        foreach (var member in new[] { "limit", "used", "reserved", "requested" })
        {
            Assert.True(problem[member] is not null, $"no '{member}' in {problem.ToJsonString()}");
        }

        return problem;
    }

    /// <summary>POSTs a create and returns the status code (and the body, for refusals).</summary>
    public static async Task<(HttpStatusCode Status, string Body, string? InstanceId)> TryCreateAsync(this HttpClient client, JsonObject body)
    {
        using var response = await client.PostAsync(body);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var location = response.Headers.Location?.OriginalString;
        return (response.StatusCode, text, location?["/api/instances/".Length..]);
    }
}
