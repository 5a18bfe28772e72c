using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudBroker.Cli.Client;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Xunit;

namespace CloudBroker.Cli.Tests;

/// <summary>
/// The CLI calls only what the broker documents: its client is generated from <c>OpenApi/v1.json</c>, that file must
/// be what the broker serves, every request the generated client can make must be in the served document, and the
/// CLI's own code must make no request around the client. After an API change: <c>clients/CloudBroker.Cli/regenerate.sh</c>.
/// </summary>
public sealed partial class OpenApiDocumentTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private static readonly string CliFolder = Path.Combine(RepositoryRoot(), "clients", "CloudBroker.Cli");

    [Fact]
    public async Task The_checked_in_document_is_the_one_the_broker_serves()
    {
        var served = await ServedAsync();
        var path = Path.Combine(CliFolder, "OpenApi", "v1.json");
        if (Environment.GetEnvironmentVariable("CB_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, served.ToJsonString(new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n", TestContext.Current.CancellationToken);
        }

        var checkedIn = JsonNode.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        Assert.True(JsonNode.DeepEquals(served, checkedIn),
            "clients/CloudBroker.Cli/OpenApi/v1.json differs from the document the broker serves: run clients/CloudBroker.Cli/regenerate.sh");
    }

    [Fact]
    public async Task Every_request_the_generated_client_can_make_is_in_the_served_document()
    {
        // Parameter names aside (Kiota escapes some, e.g. {%2Did}): the same path with the same method.
        var documented = (await ServedAsync())["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => (Path: Parameter().Replace(p.Key, "{}"), Method: m.Key)))
            .ToHashSet();
        var requests = GeneratedRequests().ToList();
        Assert.True(requests.Count >= 40, string.Join(", ", requests));
        Assert.Contains(("/api/instances/{id}/stop", "post"), requests);

        var undocumented = requests.Where(r => !documented.Contains((Parameter().Replace(r.Path, "{}"), r.Method))).Select(r => $"{r.Method} {r.Path}");
        Assert.Empty(undocumented);
    }

    [Fact]
    public void The_cli_makes_no_request_around_the_generated_client()
    {
        var sources = Directory.EnumerateFiles(CliFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Client{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.True(sources.Count > 10);
        var bypasses = sources.SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => RawRequest().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}");
        Assert.Empty(bypasses);
    }

    /// <summary>(path, method) of every request builder in the generated client, read from its URL template and its <c>To…RequestInformation</c> methods.</summary>
    private static IEnumerable<(string Path, string Method)> GeneratedRequests()
    {
        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider());
        var template = typeof(BaseRequestBuilder).GetProperty("UrlTemplate", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)!;
        foreach (var builder in typeof(BrokerClient).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(BaseRequestBuilder)) && t.Namespace!.StartsWith("CloudBroker.Cli.Client", StringComparison.Ordinal)))
        {
            var constructor = builder.GetConstructor([typeof(Dictionary<string, object>), typeof(IRequestAdapter)]);
            if (constructor is null)
            {
                continue; // the root client
            }

            var instance = constructor.Invoke([new Dictionary<string, object>(), adapter]);
            var url = (string)template.GetValue(instance)!;
            var path = "/" + PathOf().Match(url).Groups["path"].Value.TrimStart('/');
            foreach (var method in builder.GetMethods().Select(m => ToRequest().Match(m.Name)).Where(m => m.Success).Select(m => m.Groups["method"].Value.ToLowerInvariant()).Distinct())
            {
                yield return (path, method);
            }
        }
    }

    private async Task<JsonNode> ServedAsync()
    {
        using var client = broker.CreateClient();
        return JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!;
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CloudBroker.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("CloudBroker.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\{\+baseurl\}(?<path>[^{?]*(\{[^?}]+\}[^{?]*)*)")]
    private static partial Regex PathOf();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"^To(?<method>Get|Post|Put|Patch|Delete)RequestInformation$")]
    private static partial Regex ToRequest();

    /// <summary>What a request made by hand would need: an HTTP message, a raw send, or an API path as a string.</summary>
    [GeneratedRegex(@"new HttpRequestMessage|(?<!base)\.SendAsync\(|\.GetStringAsync\(|\.PostAsync\(""|""/api|""/problems|WithUrl\(")]
    private static partial Regex RawRequest();
}
