using CloudBroker.Drivers;
using CloudBroker.Provisioning.Instances;

namespace CloudBroker.Provisioning.Tests;

public sealed class InstanceStateMachineTests
{
    private static readonly IReadOnlySet<string> AllCapabilities = Capability.All.ToHashSet();

    [Theory]
    [InlineData(InstanceState.Pending, new string[0])]
    [InlineData(InstanceState.Running, new[] { "Stop", "Reboot", "Destroy" })]
    [InlineData(InstanceState.Stopped, new[] { "Start", "Destroy" })]
    [InlineData(InstanceState.Error, new[] { "Destroy" })]
    [InlineData(InstanceState.Terminated, new string[0])]
    [InlineData(InstanceState.Stopping, new string[0])]
    public void Each_state_allows_the_actions_of_its_outgoing_edges(InstanceState state, string[] expected)
    {
        var allowed = InstanceStateMachine.AllowedActions(state, AllCapabilities).Select(a => a.ToString());
        Assert.Equal(expected.Order(), allowed.Order());
    }

    [Fact]
    public void A_provider_without_start_stop_or_reboot_leaves_only_destroy_on_a_running_instance()
    {
        var capabilities = new HashSet<string> { Capability.UserData };
        Assert.Equal([InstanceAction.Destroy], InstanceStateMachine.AllowedActions(InstanceState.Running, capabilities));
    }

    [Theory]
    [InlineData(InstanceState.Running, InstanceAction.Stop, InstanceState.Stopping)]
    [InlineData(InstanceState.Stopped, InstanceAction.Start, InstanceState.Pending)]
    [InlineData(InstanceState.Running, InstanceAction.Reboot, InstanceState.Rebooting)]
    [InlineData(InstanceState.Error, InstanceAction.Destroy, InstanceState.Terminating)]
    public void An_accepted_action_moves_the_instance_to_its_transitional_state(InstanceState from, InstanceAction action, InstanceState to) =>
        Assert.Equal(to, InstanceStateMachine.TargetOf(from, action));

    [Theory]
    [InlineData(InstanceState.Running, InstanceState.Stopped, "stopped-at-provider")]
    [InlineData(InstanceState.Stopped, InstanceState.Running, "started-at-provider")]
    [InlineData(InstanceState.Error, InstanceState.Running, "observed-at-provider")]
    [InlineData(InstanceState.Error, InstanceState.Stopped, "observed-at-provider")]
    public void What_the_provider_is_seen_doing_behind_the_brokers_back_is_an_edge_of_the_graph(InstanceState from, InstanceState to, string cause) =>
        Assert.Contains(InstanceStateMachine.Transitions, t => t.From == from && t.To == to && t.Action is null && t.Event == cause);

    [Fact]
    public void Every_state_is_reachable_and_only_terminated_is_final()
    {
        var reachable = InstanceStateMachine.Transitions.Select(t => t.To).Append(InstanceState.Pending).ToHashSet();
        Assert.Equal(Enum.GetValues<InstanceState>().Order(), reachable.Order());
        Assert.Equal([InstanceState.Terminated], Enum.GetValues<InstanceState>().Where(InstanceStateMachine.IsFinal));
        Assert.DoesNotContain(InstanceStateMachine.Transitions, t => t.From == InstanceState.Terminated);
    }

    [Fact]
    public void Every_edge_has_exactly_one_cause() =>
        Assert.All(InstanceStateMachine.Transitions, t => Assert.True(t.Action is null ^ t.Event is null, $"{t.From}->{t.To}"));
}
