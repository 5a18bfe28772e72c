using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Instances;

/// <summary><c>/api/instance-states</c>: the state graph as data.</summary>
public sealed class InstanceStatesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] States =
        ["pending", "running", "stopping", "stopped", "rebooting", "terminating", "terminated", "error", "vanished"];

    [Fact]
    public async Task The_graph_has_the_nine_states_with_their_actions()
    {
        var graph = await GetAsync();
        AssertMembers(graph, "states", "transitions");
        var states = graph["states"]!.AsArray().Select(s => s!.AsObject()).ToArray();
        Assert.Equal(States, states.Select(s => (string)s["name"]!));
        foreach (var state in states)
        {
            AssertMembers(state, "name", "actions", "final");
        }

        var actions = states.ToDictionary(s => (string)s["name"]!, s => Strings(s["actions"]));
        Assert.Equal(["stop", "reboot", "destroy"], actions["running"]);
        Assert.Equal(["start", "destroy"], actions["stopped"]);
        Assert.Equal(["destroy"], actions["error"]);
        Assert.Equal(["destroy"], actions["vanished"]);
        Assert.Empty(actions["pending"]);
        Assert.Empty(actions["terminated"]);
        Assert.Equal(["terminated"], states.Where(s => (bool)s["final"]!).Select(s => (string)s["name"]!));
    }

    [Fact]
    public async Task Each_transition_is_caused_by_an_action_or_an_event()
    {
        var transitions = (await GetAsync())["transitions"]!.AsArray().Select(t => t!.AsObject()).ToArray();
        Assert.NotEmpty(transitions);
        foreach (var transition in transitions)
        {
            AssertMembers(transition, "from", "to", "action", "event");
            Assert.Contains((string)transition["from"]!, States);
            Assert.Contains((string)transition["to"]!, States);
            Assert.True(transition["action"] is null ^ transition["event"] is null, transition.ToJsonString());
        }

        Assert.Contains(transitions, t => Is(t, "running", "stopping", action: "stop"));
        Assert.Contains(transitions, t => Is(t, "pending", "running", @event: "booted"));
        Assert.Contains(transitions, t => Is(t, "stopped", "pending", action: "start"));
        Assert.Contains(transitions, t => Is(t, "terminating", "terminated", @event: "destroyed"));
    }

    [Fact]
    public async Task What_the_reconciler_sees_at_the_provider_is_on_the_graph()
    {
        var transitions = (await GetAsync())["transitions"]!.AsArray().Select(t => t!.AsObject()).ToArray();
        Assert.Contains(transitions, t => Is(t, "running", "stopped", @event: "stopped-at-provider"));
        Assert.Contains(transitions, t => Is(t, "stopped", "running", @event: "started-at-provider"));
        Assert.Contains(transitions, t => Is(t, "error", "running", @event: "observed-at-provider"));
        Assert.Contains(transitions, t => Is(t, "error", "stopped", @event: "observed-at-provider"));
        Assert.Contains(transitions, t => Is(t, "running", "vanished", @event: "missing-at-provider"));
    }

    [Fact]
    public async Task Actions_listed_per_state_match_the_action_transitions()
    {
        var graph = await GetAsync();
        var transitions = graph["transitions"]!.AsArray().Select(t => t!.AsObject()).Where(t => t["action"] is not null).ToArray();
        foreach (var state in graph["states"]!.AsArray())
        {
            var name = (string)state!["name"]!;
            var fromTransitions = transitions.Where(t => (string?)t["from"] == name).Select(t => (string)t["action"]!).Distinct();
            Assert.Equal(fromTransitions.Order(), Strings(state["actions"]).Order());
        }
    }

    private static bool Is(JsonObject t, string from, string to, string? action = null, string? @event = null) =>
        (string?)t["from"] == from && (string?)t["to"] == to && (string?)t["action"] == action && (string?)t["event"] == @event;

    private async Task<JsonObject> GetAsync()
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.GetAsync("/api/instance-states", Ct);
        return await ExpectJsonAsync(response, HttpStatusCode.OK);
    }
}
