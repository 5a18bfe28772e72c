using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace CloudBroker.Api.Tests.Infrastructure;

/// <summary>Reading and asserting wire shapes: exact member sets, problem documents, timestamps.</summary>
public static class Wire
{
    public const string ProblemMediaType = "application/problem+json";

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A JSON request body.</summary>
    public static StringContent Body(JsonNode json) => new(json.ToJsonString(), Encoding.UTF8, "application/json");

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        try
        {
            return JsonNode.Parse(text) ?? throw new InvalidOperationException("null body");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} body is not JSON ({ex.Message}): {text}");
        }
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response) => (await ReadAsync(response)).AsObject();

    /// <summary>Asserts a status and a JSON body, and returns the body; the failure message shows the body.</summary>
    public static async Task<JsonObject> ExpectJsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Asserts an RFC 9457 problem of the given documented type, and returns it.</summary>
    public static async Task<JsonObject> ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, string slug)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"expected {(int)status} {slug}, got {(int)response.StatusCode}: {text}");
        Assert.Equal(ProblemMediaType, response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal("/problems/" + slug, (string?)problem["type"]);
        Assert.Equal((int)status, (int?)problem["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]), text);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]), text);
        return problem;
    }

    /// <summary>A validation problem whose errors name <paramref name="pointer"/>; returns that error.</summary>
    public static async Task<JsonObject> ExpectFieldErrorAsync(HttpResponseMessage response, string pointer)
    {
        var problem = await ExpectProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        var errors = problem["errors"]!.AsArray();
        var error = errors.Select(e => e!.AsObject()).FirstOrDefault(e => (string?)e["pointer"] == pointer);
        Assert.True(error is not null, $"no error with pointer '{pointer}' in {problem.ToJsonString()}");
        Assert.False(string.IsNullOrWhiteSpace((string?)error["detail"]), problem.ToJsonString());
        return error;
    }

    /// <summary>A validation problem about query parameter <paramref name="parameter"/>; returns that error.</summary>
    public static async Task<JsonObject> ExpectParameterErrorAsync(HttpResponseMessage response, string parameter)
    {
        var problem = await ExpectProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        var error = problem["errors"]![0]!.AsObject();
        Assert.Equal(parameter, (string?)error["parameter"]);
        return error;
    }

    public static async Task<JsonObject> ExpectCapabilityProblemAsync(HttpResponseMessage response, string capability)
    {
        var problem = await ExpectProblemAsync(response, HttpStatusCode.BadRequest, "unsupported-capability");
        Assert.Equal(capability, (string?)problem["capability"]);
        return problem;
    }

    /// <summary>The object has exactly these members (no more, no fewer).</summary>
    public static void AssertMembers(JsonObject json, params string[] names) =>
        Assert.Equal(names.Order(StringComparer.Ordinal), json.Select(p => p.Key).Order(StringComparer.Ordinal));

    /// <summary>An RFC 3339 timestamp in UTC ('Z').</summary>
    public static DateTimeOffset AssertTimestamp(JsonNode? node)
    {
        var text = (string?)node;
        Assert.NotNull(text);
        Assert.EndsWith("Z", text, StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", text);
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    public static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => (string)n!)];

    /// <summary>A fresh RFC 1123 name, so tests sharing one API can find their own instances.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>Sets a property and returns the object, for one-line request bodies.</summary>
    public static JsonObject Also(this JsonObject json, string name, JsonNode? value)
    {
        json[name] = value;
        return json;
    }
}
