using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using CloudBroker.Api.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CloudBroker.Api.Tests.Telemetry;

/// <summary>
/// A client generated from the served document works: Kiota (the repository's dotnet tool) generates C# from
/// <c>/openapi/v1.json</c>, the test compiles it, and one call through it — authenticated by the bearer scheme the
/// document declares — reads the caller's own user.
/// </summary>
public sealed class GeneratedClientTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Namespace = "CloudBroker.Generated";

    /// <summary>The one call, written as a user of the generated client would write it.</summary>
    private const string Probe = """
        using Microsoft.Kiota.Abstractions.Authentication;
        using Microsoft.Kiota.Http.HttpClientLibrary;

        public static class Probe
        {
            public static async System.Threading.Tasks.Task<string> CallAsync(System.Net.Http.HttpClient http, string key)
            {
                var auth = new BaseBearerTokenAuthenticationProvider(new StaticKey(key, http.BaseAddress.Host));
                var adapter = new HttpClientRequestAdapter(auth, httpClient: http) { BaseUrl = http.BaseAddress.ToString().TrimEnd('/') };
                var me = await new CloudBroker.Generated.BrokerClient(adapter).Api.Me.GetAsync();
                return me.UserId + " " + string.Join(",", me.Roles);
            }

            private sealed class StaticKey(string key, string host) : IAccessTokenProvider
            {
                public AllowedHostsValidator AllowedHostsValidator { get; } = new([host]);

                public System.Threading.Tasks.Task<string> GetAuthorizationTokenAsync(
                    System.Uri uri, System.Collections.Generic.Dictionary<string, object> additionalAuthenticationContext = null,
                    System.Threading.CancellationToken cancellationToken = default) => System.Threading.Tasks.Task.FromResult(key);
            }
        }
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AKiotaClientGeneratedFromTheDocumentMakesAnAuthenticatedCall()
    {
        var work = Directory.CreateTempSubdirectory("cb-kiota-");
        try
        {
            using var http = factory.CreateClient();
            var document = Path.Combine(work.FullName, "openapi.json");
            await File.WriteAllTextAsync(document, await http.GetStringAsync("/openapi/v1.json", Ct), Ct);
            var output = Path.Combine(work.FullName, "client");
            await RunKiotaAsync(document, output);

            var assembly = Compile(Directory.EnumerateFiles(output, "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText).Append(Probe));
            var call = assembly.GetType("Probe")!.GetMethod("CallAsync")!;
            var answer = await (Task<string>)call.Invoke(null, [http, ApiFactory.AdminKey])!;
            Assert.Matches("^\\S+ .*admin", answer);

            // Without the key, the same client is refused: the call above was authenticated by the declared scheme.
            var refused = await Assert.ThrowsAnyAsync<Microsoft.Kiota.Abstractions.ApiException>(() => (Task<string>)call.Invoke(null, [http, "cb-not-a-key-000000000000000000000"])!);
            Assert.Equal(401, refused.ResponseStatusCode);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task RunKiotaAsync(string document, string output)
    {
        var root = RepositoryRoot();
        await RunAsync(root, "tool", "restore");
        await RunAsync(root, "kiota", "generate", "--language", "CSharp", "--openapi", document, "--output", output,
            "--namespace-name", Namespace, "--class-name", "BrokerClient", "--exclude-backward-compatible", "--clean-output", "--log-level", "Warning");
    }

    private static async Task RunAsync(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", args) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["KIOTA_OFFLINE_ENABLED"] = "true"; // no update check
        start.Environment["KIOTA_TUTORIAL_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
    }

    /// <summary>Compiles the generated client against the Kiota libraries this test project references.</summary>
    private static Assembly Compile(IEnumerable<string> sources)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "CloudBroker.Generated.Client",
            sources.Select(source => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), cancellationToken: Ct)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image, cancellationToken: Ct);
        Assert.True(result.Success, string.Join('\n', result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        image.Position = 0;
        return new AssemblyLoadContext("generated-client", isCollectible: true).LoadFromStream(image);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "dotnet-tools.json")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("dotnet-tools.json not found above " + AppContext.BaseDirectory);
    }
}
