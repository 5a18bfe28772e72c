using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Infrastructure;

/// <summary>Creating instances and waiting for them (polling the API, never sleeping a fixed time).</summary>
public static class InstanceCalls
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>A create body on provider <paramref name="providerId"/> with debian-12 / m1-small.</summary>
    public static JsonObject Request(string name, string providerId = "mock") => new()
    {
        ["name"] = name,
        ["providerId"] = providerId,
        ["imageId"] = "debian-12",
        ["hardwareProfileId"] = "m1-small",
    };

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, JsonNode body) =>
        client.PostAsync("/api/instances", Body(body), Ct);

    /// <summary>Creates an instance (asserting the 202) and returns its id and the operation.</summary>
    public static async Task<(string Id, JsonObject Operation)> CreateAsync(this HttpClient client, JsonObject body)
    {
        using var response = await client.PostAsync(body);
        var operation = await ExpectJsonAsync(response, HttpStatusCode.Accepted);
        var location = response.Headers.Location?.OriginalString;
        Assert.NotNull(location);
        Assert.StartsWith("/api/instances/", location, StringComparison.Ordinal);
        return (location["/api/instances/".Length..], operation);
    }

    /// <summary>Creates an instance and waits until it runs.</summary>
    public static async Task<JsonObject> CreateRunningAsync(this HttpClient client, JsonObject body)
    {
        var (id, _) = await client.CreateAsync(body);
        return await client.WaitForStateAsync(id, "running");
    }

    /// <summary>Polls <c>GET /api/instances/{id}</c> until the state is <paramref name="state"/>; fails with the last body seen.</summary>
    public static async Task<JsonObject> WaitForStateAsync(this HttpClient client, string id, string state) =>
        await PollAsync(client, "/api/instances/" + id, "state", state, ["error", "terminated", "vanished"], Timeout);

    /// <summary>Polls <c>GET /api/operations/{id}</c> until the status is <paramref name="status"/> (within <see cref="Timeout"/>, or <paramref name="timeout"/>).</summary>
    public static async Task<JsonObject> WaitForOperationAsync(this HttpClient client, string operationId, string status, TimeSpan? timeout = null) =>
        await PollAsync(client, "/api/operations/" + operationId, "status", status, ["failed", "succeeded", "cancelled"], timeout ?? Timeout);

    /// <summary>Posts an action and returns the accepted operation (asserting the 202 headers).</summary>
    public static async Task<JsonObject> ActAsync(this HttpClient client, string id, string action)
    {
        using var response = action == "destroy"
            ? await client.DeleteAsync("/api/instances/" + id, Ct)
            : await client.PostAsync($"/api/instances/{id}/{action}", null, Ct);
        var operation = await ExpectJsonAsync(response, HttpStatusCode.Accepted);
        Assert.Equal("/api/instances/" + id, response.Headers.Location?.OriginalString);
        Assert.Equal("/api/operations/" + (string?)operation["id"], Assert.Single(response.Headers.GetValues("Operation-Location")));
        Assert.Equal(action, (string?)operation["kind"]);
        Assert.Equal("pending", (string?)operation["status"]);
        Assert.Equal(id, (string?)operation["targetId"]);
        return operation;
    }

    private static async Task<JsonObject> PollAsync(HttpClient client, string path, string member, string wanted, string[] final, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (true)
        {
            using (var response = await client.GetAsync(path, Ct))
            {
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}";
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var json = JsonNode.Parse(last[4..])!.AsObject();
                    var value = (string?)json[member];
                    if (value == wanted)
                    {
                        return json;
                    }

                    if (final.Contains(value))
                    {
                        Assert.Fail($"{path} reached {member} '{value}' while waiting for '{wanted}': {last}");
                    }
                }
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"{path} did not reach {member} '{wanted}' within {timeout.TotalSeconds} s; last response: {last}");
            }

            await Task.Delay(20, Ct);
        }
    }
}
