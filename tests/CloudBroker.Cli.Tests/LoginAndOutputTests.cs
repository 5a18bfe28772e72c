using System.Text.Json.Nodes;
using CloudBroker.Cli.Connection;
using Xunit;

namespace CloudBroker.Cli.Tests;

/// <summary><c>login</c>'s private file and the variables that override it; the output formats; shell completion.</summary>
public sealed class LoginAndOutputTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Login_checks_the_key_then_stores_url_and_key_readable_by_the_user_only()
    {
        var file = Path.Combine(broker.DataDirectory, $"login-{Guid.NewGuid():N}", "credentials.json");
        var variables = new Dictionary<string, string?> { ["CLOUDBROKER_CONFIG"] = file, ["STDIN"] = BrokerFixture.AdminKey + "\n" };

        var login = await broker.RunAsync(variables, isTerminal: false, "login", "--url", "http://localhost/", "--key-stdin");
        Assert.True(login.Exit == ExitCodes.Ok, login.ToString());
        Assert.Contains("as admin", login.Output, StringComparison.Ordinal);
        Assert.Equal(new CliProfile("http://localhost", BrokerFixture.AdminKey), CliProfile.Read(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
        }

        // Later commands use the file; a variable overrides its half of it.
        var me = await broker.RunAsync(new Dictionary<string, string?> { ["CLOUDBROKER_CONFIG"] = file }, isTerminal: false, "me", "-o", "json");
        Assert.Equal("admin", (string?)JsonNode.Parse(me.Output)!["userId"]);
        var overridden = await broker.RunAsync(new Dictionary<string, string?> { ["CLOUDBROKER_CONFIG"] = file, ["CLOUDBROKER_API_KEY"] = "cb-another-key-00000000000000000000" },
            isTerminal: false, "me");
        Assert.Equal(ExitCodes.NotAuthenticated, overridden.Exit);

        var logout = await broker.RunAsync(new Dictionary<string, string?> { ["CLOUDBROKER_CONFIG"] = file }, isTerminal: false, "logout");
        Assert.Equal(ExitCodes.Ok, logout.Exit);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Login_with_a_refused_key_stores_nothing_and_exits_3()
    {
        var file = Path.Combine(broker.DataDirectory, $"login-{Guid.NewGuid():N}", "credentials.json");
        var login = await broker.RunAsync(new Dictionary<string, string?> { ["CLOUDBROKER_CONFIG"] = file, ["STDIN"] = "cb-not-a-key-000000000000000000000000\n" },
            isTerminal: false, "login", "--url", "http://localhost", "--key-stdin");
        Assert.True(login.Exit == ExitCodes.NotAuthenticated, login.ToString());
        Assert.Contains("(401 unauthenticated)", login.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Json_yaml_and_table_print_the_same_providers()
    {
        var json = await broker.RunAsync("providers", "list", "-o", "json");
        var ids = JsonNode.Parse(json.Output)!.AsArray().Select(p => (string)p!["id"]!).Order().ToList();
        Assert.Equal(["flaky", "mock"], ids);

        var yaml = await broker.RunAsync("providers", "list", "--output", "yaml");
        Assert.Contains("- capabilities:", yaml.Output, StringComparison.Ordinal);
        Assert.Contains("  id: \"mock\"", yaml.Output, StringComparison.Ordinal);

        var table = (await broker.RunAsync("providers", "list")).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ID ", table[0], StringComparison.Ordinal);
        Assert.Contains("STATUS", table[0], StringComparison.Ordinal);
        Assert.Equal(3, table.Length);
        Assert.Contains(table, row => row.StartsWith("mock ", StringComparison.Ordinal) && row.Contains("available", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hardware_profile_table_writes_ranges_and_sets_as_people_read_them()
    {
        var table = await broker.RunAsync("hardware-profiles", "list", "--provider", "mock");
        var small = table.Output.Split('\n').Single(l => l.StartsWith("m1-small", StringComparison.Ordinal));
        Assert.Contains("512..8192 step 512", small, StringComparison.Ordinal);
        Assert.Contains("10|20|40", small, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completion_offers_the_commands_and_options_of_this_version()
    {
        var commands = await broker.RunAsync("[suggest:10]", "instances ");
        Assert.Equal(ExitCodes.Ok, commands.Exit);
        var offered = commands.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Superset(new HashSet<string> { "create", "list", "show", "start", "stop", "reboot", "delete", "events" }, offered.ToHashSet());

        var formats = (await broker.RunAsync("[suggest:24]", "providers list --output ")).Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var format in new[] { "table", "json", "yaml" })
        {
            Assert.Contains(formats, f => f.Equals(format, StringComparison.OrdinalIgnoreCase));
        }

        var script = await broker.RunAsync("completion", "bash");
        Assert.Contains("complete -F _cloudbroker_complete cloudbroker", script.Output, StringComparison.Ordinal);
    }
}
