using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace CloudBroker.Cli.Tests;

/// <summary>
/// A real broker in this process (the API host on SQLite in its own folder, the in-memory bus, its workers) with fast
/// mock providers: <c>mock</c>, and <c>flaky</c> whose every create fails. The CLI reaches it through the test server's
/// handler; everything above that handler is the CLI's own (the generated client, Kiota's handlers, the key).
/// </summary>
public sealed class BrokerFixture : WebApplicationFactory<Program>
{
    public const string AdminKey = "cb-cli-tests-admin-key-7d3f0a9b52e6";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"cb-cli-tests-{Guid.NewGuid():N}");

    /// <summary>Runs the CLI against this broker as the admin; the profile file lives in the fixture's folder.</summary>
    public async Task<CliRun> RunAsync(params string[] args) => await RunAsync(new Dictionary<string, string?>
    {
        ["CLOUDBROKER_URL"] = "http://localhost",
        ["CLOUDBROKER_API_KEY"] = AdminKey,
    }, isTerminal: false, args);

    public async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> variables, bool isTerminal, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment
        {
            Output = output,
            Error = error,
            Input = new StringReader(variables.TryGetValue("STDIN", out var input) ? input ?? "" : ""),
            IsTerminal = isTerminal,
            Variable = name => name == "CLOUDBROKER_CONFIG" && !variables.ContainsKey(name)
                ? Path.Combine(DataDirectory, "cli", "credentials.json")
                : variables.GetValueOrDefault(name),
            Transport = variables.ContainsKey("REAL_NETWORK") ? null : () => Server.CreateHandler(),
            PollInterval = TimeSpan.FromMilliseconds(50),
        };
        var exit = await CloudBrokerCli.RunAsync(args, environment, TestContext.Current.CancellationToken);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["CloudBroker:DataDirectory"] = DataDirectory,
            ["CloudBroker:BootstrapAdminKey"] = AdminKey,
            ["CloudBroker:Provisioning:PollInterval"] = "00:00:00.05",
            ["CloudBroker:Provisioning:RetryBaseDelay"] = "00:00:00.05",
            ["CloudBroker:Provisioning:MaxRetryDelay"] = "00:00:00.2",
            ["CloudBroker:Provisioning:MaxAttempts"] = "2",
            ["CloudBroker:Outbox:PollInterval"] = "00:00:00.1",
            ["CloudBroker:Providers:libvirt:Enabled"] = "false",
            ["CloudBroker:Providers:flaky:Faults:Create:FailureRate"] = "1", // unreachable for creates: retried until the build timeout
            ["CloudBroker:Providers:flaky:BuildTimeout"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:CloudBroker"] = "Error",
        };
        foreach (var provider in new[] { "mock", "flaky" })
        {
            settings[$"CloudBroker:Providers:{provider}:Driver"] = "mock";
            settings[$"CloudBroker:Providers:{provider}:BootDelay"] = "00:00:00.2";
            settings[$"CloudBroker:Providers:{provider}:StopDelay"] = "00:00:00.1";
            settings[$"CloudBroker:Providers:{provider}:DestroyDelay"] = "00:00:00.1";
        }

        // UseSetting (host configuration) is visible while Program builds its services.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}

/// <summary>One run of the CLI: its exit code and what it wrote to standard output and standard error.</summary>
public sealed record CliRun(int Exit, string Output, string Error)
{
    public override string ToString() => $"exit {Exit}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
