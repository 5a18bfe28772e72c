using Azure.ResourceManager.Compute;

namespace CloudBroker.Drivers.Azure;

/// <summary>
/// The one table from Azure's states to the broker's. A VM has two: <c>provisioningState</c> and the instance view's
/// <c>PowerState/…</c>. Creating, deleting and failed win (a VM still being made can already report running); else
/// the power state speaks, and without one the provisioning state.
/// </summary>
internal static class AzureStates
{
    public static StateTable<string> Table { get; } = new(new Dictionary<string, DriverInstanceState>(StringComparer.Ordinal)
    {
        ["creating"] = DriverInstanceState.Pending,
        ["updating"] = DriverInstanceState.Pending,
        ["migrating"] = DriverInstanceState.Pending,
        ["starting"] = DriverInstanceState.Pending,
        ["running"] = DriverInstanceState.Running,
        ["stopping"] = DriverInstanceState.Stopping,
        ["deallocating"] = DriverInstanceState.Stopping,
        ["stopped"] = DriverInstanceState.Stopped,
        ["deallocated"] = DriverInstanceState.Stopped,
        ["deleting"] = DriverInstanceState.Terminating,
        ["failed"] = DriverInstanceState.Error,
        ["canceled"] = DriverInstanceState.Error,

        // "succeeded" without a power state is left out: unknown until the instance view says more.
    });

    private static readonly string[] Overriding = ["creating", "deleting", "failed", "canceled"];

    /// <summary>The state word that decides: <c>creating</c>, <c>deallocated</c>, <c>running</c>…</summary>
    public static string Native(VirtualMachineData vm)
    {
        var provisioning = vm.ProvisioningState?.ToLowerInvariant() ?? "unknown";
        var power = vm.InstanceView?.Statuses
            .Select(s => s.Code)
            .FirstOrDefault(c => c?.StartsWith("PowerState/", StringComparison.OrdinalIgnoreCase) == true)?["PowerState/".Length..]
            .ToLowerInvariant();
        return Overriding.Contains(provisioning) || power is null ? provisioning : power;
    }
}
