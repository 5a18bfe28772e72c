using System.Text.Json.Nodes;
using Xunit;

namespace CloudBroker.Cli.Tests;

/// <summary>What a refusal looks like from the command line: the problem readable, the field at fault, the exit code.</summary>
public sealed class RefusalTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task A_refused_quota_shows_its_problem_with_scope_limit_and_use_and_exits_4()
    {
        var set = await broker.RunAsync("quotas", "set", "user", "admin", "--instances", "1", "-o", "json");
        Assert.True(set.Exit == ExitCodes.Ok, set.ToString());
        Assert.Equal(1, (long?)JsonNode.Parse(set.Output)!["limits"]!["instances"]);

        string[] create = ["instances", "create", "--provider", "mock", "--image", "debian-12", "--hardware-profile", "m1-small"];
        var first = await broker.RunAsync([.. create, "--name", "one", "--wait"]);
        Assert.True(first.Exit == ExitCodes.Ok, first.ToString());

        var refused = await broker.RunAsync([.. create, "--name", "two"]);
        Assert.True(refused.Exit == ExitCodes.Refused, refused.ToString());
        Assert.Equal("", refused.Output);
        Assert.Contains("error: Quota exceeded (403 quota-exceeded)", refused.Error, StringComparison.Ordinal);
        Assert.Contains("scope: user", refused.Error, StringComparison.Ordinal);
        Assert.Contains("resource: instances", refused.Error, StringComparison.Ordinal);
        Assert.Contains("limit: 1", refused.Error, StringComparison.Ordinal);
        Assert.Contains("used: 1", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_validation_problem_names_the_field_at_fault_and_its_allowed_values()
    {
        var refused = await broker.RunAsync("instances", "create", "--name", "x", "--provider", "mock", "--image", "no-such-image",
            "--hardware-profile", "m1-small");
        Assert.True(refused.Exit == ExitCodes.Refused, refused.ToString());
        Assert.Contains("(400 validation)", refused.Error, StringComparison.Ordinal);
        Assert.Contains("/imageId: ", refused.Error, StringComparison.Ordinal);
        Assert.Contains("limit: values debian-12", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exit_codes_tell_usage_authentication_not_found_and_an_unreachable_broker_apart()
    {
        Assert.Equal(ExitCodes.Usage, (await broker.RunAsync("instances", "frobnicate")).Exit);
        Assert.Equal(ExitCodes.Usage, (await broker.RunAsync("instances", "create", "--name", "no-provider")).Exit);
        Assert.Equal(ExitCodes.Usage, (await broker.RunAsync("instances", "list", "-o", "xml")).Exit);

        var missing = await broker.RunAsync("instances", "show", "00000000-0000-0000-0000-000000000000");
        Assert.True(missing.Exit == ExitCodes.NotFound, missing.ToString());
        Assert.Contains("(404 not-found)", missing.Error, StringComparison.Ordinal);

        var wrongKey = await broker.RunAsync(new Dictionary<string, string?> { ["CLOUDBROKER_URL"] = "http://localhost", ["CLOUDBROKER_API_KEY"] = "cb-wrong-key-0000000000000000000000" },
            isTerminal: false, "providers", "list");
        Assert.True(wrongKey.Exit == ExitCodes.NotAuthenticated, wrongKey.ToString());

        var nobody = await broker.RunAsync(new Dictionary<string, string?>(), isTerminal: false, "providers", "list");
        Assert.Equal(ExitCodes.NotAuthenticated, nobody.Exit);
        Assert.Contains("cloudbroker login", nobody.Error, StringComparison.Ordinal);

        // A real socket to a port nothing listens on (port 1 on loopback is refused at once).
        var unreachable = await broker.RunAsync(new Dictionary<string, string?>
        {
            ["CLOUDBROKER_URL"] = "http://127.0.0.1:1", ["CLOUDBROKER_API_KEY"] = BrokerFixture.AdminKey, ["REAL_NETWORK"] = "1",
        }, isTerminal: false, "providers", "list");
        Assert.True(unreachable.Exit == ExitCodes.Unavailable, unreachable.ToString());
        Assert.Contains("cannot reach the broker at http://127.0.0.1:1", unreachable.Error, StringComparison.Ordinal);
    }
}
