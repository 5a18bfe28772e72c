using System.Text.Json.Nodes;
using Xunit;

namespace CloudBroker.Cli.Tests;

/// <summary>The instance lifecycle from the command line against a real broker: create, wait, list as JSON, act, delete.</summary>
public sealed class InstanceCommandTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Create_with_wait_prints_the_running_instance_which_list_shows_as_json_until_delete_terminates_it()
    {
        var created = await broker.RunAsync("instances", "create", "--name", "web-1", "--provider", "mock", "--image", "debian-12",
            "--hardware-profile", "m1-small", "--memory-mib", "2048", "--tag", "team=web", "--tag", "cost-center=cc-42", "--wait", "-o", "json");
        Assert.True(created.Exit == ExitCodes.Ok, created.ToString());
        var instance = JsonNode.Parse(created.Output)!;
        Assert.Equal("running", (string?)instance["state"]);
        Assert.Equal(2048, (int?)instance["memoryMiB"]);
        Assert.Equal("web", (string?)instance["tags"]!["team"]);
        Assert.Equal("cc-42", (string?)instance["tags"]!["cost-center"]);
        Assert.Equal("", created.Error); // not a terminal: no progress drawn
        var id = (string)instance["id"]!;

        var listed = await broker.RunAsync("instances", "list", "--provider", "mock", "-o", "json");
        Assert.Equal(ExitCodes.Ok, listed.Exit);
        var mine = Assert.Single(JsonNode.Parse(listed.Output)!.AsArray(), i => (string?)i!["id"] == id)!;
        Assert.Equal("running", (string?)mine["state"]);
        Assert.Contains("stop", mine["actions"]!.AsArray().Select(a => (string?)a));

        var stopped = await broker.RunAsync("instances", "stop", id, "--wait", "-o", "json");
        Assert.True(stopped.Exit == ExitCodes.Ok, stopped.ToString());
        Assert.Equal("stopped", (string?)JsonNode.Parse(stopped.Output)!["state"]);

        var deleted = await broker.RunAsync("instances", "delete", id, "--wait", "-o", "json");
        Assert.True(deleted.Exit == ExitCodes.Ok, deleted.ToString());
        Assert.Equal("succeeded", (string?)JsonNode.Parse(deleted.Output)!["status"]);
        var shown = await broker.RunAsync("instances", "show", id, "-o", "json");
        Assert.Equal("terminated", (string?)JsonNode.Parse(shown.Output)!["state"]);

        var events = await broker.RunAsync("instances", "events", id, "--all", "-o", "json");
        var moves = JsonNode.Parse(events.Output)!.AsArray().Select(e => (string?)e!["to"]).ToList();
        Assert.Contains("stopped", moves);
        Assert.Contains("terminated", moves);
    }

    [Fact]
    public async Task Without_wait_create_prints_the_accepted_operation_and_returns_at_once()
    {
        var created = await broker.RunAsync("instances", "create", "--name", "quick", "--provider", "mock", "--image", "debian-12",
            "--hardware-profile", "m1-small", "-o", "json");
        Assert.True(created.Exit == ExitCodes.Ok, created.ToString());
        var operation = JsonNode.Parse(created.Output)!;
        Assert.Equal("create", (string?)operation["kind"]);
        Assert.Contains((string?)operation["status"], new[] { "pending", "running" });

        var shown = await broker.RunAsync("operations", "show", (string)operation["id"]!, "-o", "json");
        Assert.Equal((string?)operation["targetId"], (string?)JsonNode.Parse(shown.Output)!["targetId"]);
    }

    [Fact]
    public async Task On_a_terminal_wait_draws_progress_on_stderr_and_keeps_stdout_for_the_result()
    {
        var variables = new Dictionary<string, string?> { ["CLOUDBROKER_URL"] = "http://localhost", ["CLOUDBROKER_API_KEY"] = BrokerFixture.AdminKey };
        var created = await broker.RunAsync(variables, isTerminal: true, "instances", "create", "--name", "watched", "--provider", "mock",
            "--image", "debian-12", "--hardware-profile", "m1-small", "--wait", "-o", "json");
        Assert.True(created.Exit == ExitCodes.Ok, created.ToString());
        Assert.Contains("\rcreate ", created.Error, StringComparison.Ordinal);
        Assert.Equal("running", (string?)JsonNode.Parse(created.Output)!["state"]);
    }

    [Fact]
    public async Task A_failed_operation_exits_7_with_its_error_and_a_wait_that_runs_out_exits_8()
    {
        var failed = await broker.RunAsync("instances", "create", "--name", "doomed", "--provider", "flaky", "--image", "debian-12",
            "--hardware-profile", "m1-small", "--wait");
        Assert.True(failed.Exit == ExitCodes.OperationFailed, failed.ToString());
        Assert.Contains("failed", failed.Error, StringComparison.Ordinal);
        Assert.Contains("error: ", failed.Error, StringComparison.Ordinal);

        var slow = await broker.RunAsync("instances", "create", "--name", "slow", "--provider", "mock", "--image", "debian-12",
            "--hardware-profile", "m1-small", "--wait", "--timeout", "00:00:00.001");
        Assert.True(slow.Exit == ExitCodes.WaitTimedOut, slow.ToString());
        Assert.Contains("it goes on: cloudbroker operations show", slow.Error, StringComparison.Ordinal);
    }
}
