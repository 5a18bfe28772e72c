using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudBroker.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Http;

/// <summary>
/// What every answer says about itself: <c>nosniff</c>, <c>no-store</c> and a Content-Security-Policy that forbids
/// framing; the HTML reference page runs only its own scripts; the OpenAPI document never repeats the Host a client sent.
/// </summary>
public sealed partial class SecurityHeadersTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    [Theory]
    [InlineData("GET", "/api", true, HttpStatusCode.OK)]
    [InlineData("GET", "/api/instances", true, HttpStatusCode.OK)]
    [InlineData("GET", "/api/instances", false, HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/nope", true, HttpStatusCode.NotFound)]
    [InlineData("POST", "/api/instances", true, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/problems/validation", false, HttpStatusCode.OK)]
    [InlineData("GET", "/openapi/v1.json", false, HttpStatusCode.OK)]
    [InlineData("GET", "/healthz", false, HttpStatusCode.OK)]
    public async Task Api_answers_are_not_sniffed_stored_or_framed(string method, string path, bool withKey, HttpStatusCode status)
    {
        using var client = withKey ? factory.CreateAdminClient() : factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control {response.Headers.CacheControl}");
        Assert.Equal(ApiPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task The_reference_page_may_not_be_framed_and_runs_only_its_own_scripts()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/scalar/", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var page = await response.Content.ReadAsStringAsync(Ct);
        var policy = Directives(Assert.Single(response.Headers.GetValues("Content-Security-Policy")));

        Assert.Equal(["'none'"], policy["frame-ancestors"]);
        Assert.Equal(["'self'"], policy["default-src"]);
        Assert.Equal(["'self'"], policy["connect-src"]); // no request proxy or font host of the vendor's
        Assert.Equal(["'none'"], policy["object-src"]);

        // Exactly the page's inline scripts are allowed, by hash; nothing inline in general, nothing from elsewhere.
        var scripts = Scripts().Matches(page).ToList();
        var inline = scripts.Where(s => SourceOf(s) is null)
            .Select(s => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(s.Groups["body"].Value)))}'")
            .ToList();
        Assert.NotEmpty(inline);
        Assert.Equal(["'self'", .. inline], policy["script-src"]);

        // The page still has what it needs to render: every script it loads is served from here.
        var sources = scripts.Select(SourceOf).OfType<string>().ToList();
        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            Assert.False(source.Contains("//", StringComparison.Ordinal), $"{source} is not on the page's own origin");
            using var asset = await client.GetAsync("/scalar/" + source, Ct);
            Assert.True(asset.StatusCode == HttpStatusCode.OK, $"{source}: {(int)asset.StatusCode}");
            Assert.Equal("text/javascript", asset.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_openapi_document_does_not_repeat_the_host_a_client_sent()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "attacker.example";
        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("attacker.example", text, StringComparison.Ordinal);
        var server = Assert.Single(JsonNode.Parse(text)!["servers"]!.AsArray());
        Assert.Equal("/", (string?)server!["url"]); // clients resolve paths against where they fetched it
    }

    [Fact]
    public async Task The_openapi_document_names_the_configured_public_url()
    {
        await using var configured = factory.WithWebHostBuilder(b => b.UseSetting("CloudBroker:PublicUrl", "https://cloud.example.com/"));
        using var client = configured.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "attacker.example";
        using var response = await client.SendAsync(request, Ct);
        var document = await ExpectJsonAsync(response, HttpStatusCode.OK);

        var server = Assert.Single(document["servers"]!.AsArray());
        Assert.Equal("https://cloud.example.com", (string?)server!["url"]);
        Assert.DoesNotContain("attacker.example", document.ToJsonString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string[]> Directives(string policy) => policy
        .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .ToDictionary(d => d[0], d => d[1..], StringComparer.Ordinal);

    private static string? SourceOf(Match script) =>
        Source().Match(script.Groups["attributes"].Value) is { Success: true } source ? source.Groups[1].Value : null;

    [GeneratedRegex("""<script\b(?<attributes>[^>]*)>(?<body>.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex Scripts();

    [GeneratedRegex(@"\bsrc=""([^""]*)""")]
    private static partial Regex Source();
}
