using CloudBroker.Drivers;

namespace CloudBroker.Provisioning.Instances;

/// <summary>
/// The instance state graph as data: the actions each state allows, the edges and their causes.
/// Served at <c>/api/instance-states</c>, and the only place that decides what an instance may do.
/// </summary>
public static class InstanceStateMachine
{
    public static IReadOnlyList<StateTransition> Transitions { get; } =
    [
        new(InstanceState.Pending, InstanceState.Running, null, "booted"),
        new(InstanceState.Pending, InstanceState.Error, null, "failed"),
        new(InstanceState.Running, InstanceState.Stopping, InstanceAction.Stop, null),
        new(InstanceState.Stopping, InstanceState.Stopped, null, "stopped"),
        new(InstanceState.Stopping, InstanceState.Running, null, "stop-failed"),
        new(InstanceState.Stopped, InstanceState.Pending, InstanceAction.Start, null),
        new(InstanceState.Running, InstanceState.Rebooting, InstanceAction.Reboot, null),
        new(InstanceState.Rebooting, InstanceState.Running, null, "rebooted"),
        new(InstanceState.Running, InstanceState.Terminating, InstanceAction.Destroy, null),
        new(InstanceState.Stopped, InstanceState.Terminating, InstanceAction.Destroy, null),
        new(InstanceState.Error, InstanceState.Terminating, InstanceAction.Destroy, null),
        new(InstanceState.Vanished, InstanceState.Terminated, InstanceAction.Destroy, null),
        new(InstanceState.Terminating, InstanceState.Terminated, null, "destroyed"),
        new(InstanceState.Terminating, InstanceState.Error, null, "destroy-failed"),
        new(InstanceState.Running, InstanceState.Stopped, null, "stopped-at-provider"),
        new(InstanceState.Stopped, InstanceState.Running, null, "started-at-provider"),
        new(InstanceState.Error, InstanceState.Running, null, "observed-at-provider"),
        new(InstanceState.Error, InstanceState.Stopped, null, "observed-at-provider"),
        new(InstanceState.Running, InstanceState.Vanished, null, "missing-at-provider"),
        new(InstanceState.Stopped, InstanceState.Vanished, null, "missing-at-provider"),
        new(InstanceState.Error, InstanceState.Vanished, null, "missing-at-provider"),
    ];

    /// <summary>The capability a provider must declare for an action, if any.</summary>
    public static string? RequiredCapability(InstanceAction action) => action switch
    {
        InstanceAction.Start or InstanceAction.Stop => Capability.StartStop,
        InstanceAction.Reboot => Capability.Reboot,
        _ => null,
    };

    /// <summary>The state an accepted action moves the instance into while the provider works.</summary>
    public static InstanceState TargetOf(InstanceState from, InstanceAction action) =>
        Transitions.Single(t => t.From == from && t.Action == action).To;

    /// <summary>The actions the state allows now, less those the provider lacks the capability for.</summary>
    public static IReadOnlyList<InstanceAction> AllowedActions(InstanceState state, IReadOnlySet<string> capabilities) =>
        Transitions
            .Where(t => t.From == state && t.Action is { } action &&
                        (RequiredCapability(action) is not { } needed || capabilities.Contains(needed)))
            .Select(t => t.Action!.Value)
            .Distinct()
            .ToArray();

    /// <summary>Whether the state is final (nothing more happens to the instance).</summary>
    public static bool IsFinal(InstanceState state) => state == InstanceState.Terminated;
}
