using CloudBroker.Drivers;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Operations;

namespace CloudBroker.Provisioning.Workflow;

/// <summary>What each kind of operation waits for at the provider, and the instance state it ends in.</summary>
internal static class OperationTargets
{
    public static DriverInstanceState ProviderTarget(OperationKind kind) => kind switch
    {
        OperationKind.Stop => DriverInstanceState.Stopped,
        OperationKind.Destroy => DriverInstanceState.Terminated,
        _ => DriverInstanceState.Running,
    };

    /// <summary>Which request budget the operation's provider call spends.</summary>
    public static ProviderCallKind CallKind(OperationKind kind) => kind == OperationKind.Create ? ProviderCallKind.Create : ProviderCallKind.Change;

    /// <summary>The state a machine shows while an accepted call is still being carried out.</summary>
    public static DriverInstanceState Underway(OperationKind kind) => kind switch
    {
        OperationKind.Stop => DriverInstanceState.Stopping,
        OperationKind.Reboot => DriverInstanceState.Rebooting,
        OperationKind.Destroy => DriverInstanceState.Terminating,
        _ => DriverInstanceState.Pending,
    };

    public static InstanceState Settled(DriverInstanceState state) => state switch
    {
        DriverInstanceState.Pending => InstanceState.Pending,
        DriverInstanceState.Running => InstanceState.Running,
        DriverInstanceState.Stopping => InstanceState.Stopping,
        DriverInstanceState.Stopped => InstanceState.Stopped,
        DriverInstanceState.Rebooting => InstanceState.Rebooting,
        DriverInstanceState.Terminating => InstanceState.Terminating,
        DriverInstanceState.Terminated => InstanceState.Terminated,
        _ => InstanceState.Error,
    };

    public static string Cause(OperationKind kind, bool succeeded) => (kind, succeeded) switch
    {
        (OperationKind.Create, true) => "booted",
        (OperationKind.Start, true) => "booted",
        (OperationKind.Reboot, true) => "rebooted",
        (OperationKind.Stop, true) => "stopped",
        (OperationKind.Destroy, true) => "destroyed",
        (OperationKind.Create, false) => "failed",
        (OperationKind.Destroy, false) => "destroy-failed",
        _ => kind.ToString().ToLowerInvariant() + "-failed",
    };
}
