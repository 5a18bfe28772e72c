using CloudBroker.Drivers;
using CloudBroker.Provisioning.Instances;

namespace CloudBroker.Provisioning.Reconciliation;

/// <summary>
/// Compares a provider's machines with the instances the database knows for it; decides, touches nothing.
/// A machine is this provider's when its installation and provider tags both say so: a machine another provider made
/// (on the same host or account) is foreign to this one, and one of this installation that names no provider (made
/// before machines carried one) is only reported. A machine belongs to the instance that holds its provider id, or
/// else (a create whose answer was lost) to the instance its instance-id tag names.
/// </summary>
public static class InventoryComparison
{
    public static IReadOnlyList<InventoryFinding> Compare(
        IReadOnlyList<KnownInstance> known, IReadOnlyList<DriverInstance> machines, string installationId, string providerId)
    {
        // Live rows first: an adopted instance and the terminated one whose machine it took share a provider id.
        var byMachine = known.Where(i => i.ProviderInstanceId is not null)
            .OrderBy(i => i.State == InstanceState.Terminated)
            .GroupBy(i => i.ProviderInstanceId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var byId = known.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var listed = new Dictionary<string, DriverInstance>(StringComparer.Ordinal);
        var findings = new List<InventoryFinding>();

        foreach (var machine in machines)
        {
            listed.TryAdd(machine.Id, machine);
            if (!IsAlive(machine))
            {
                continue; // gone or going: only the vanished pass below cares.
            }

            var unowned = KindIfUnowned(machine, installationId, providerId);
            var tagged = unowned is InventoryFindingKind.Orphan or InventoryFindingKind.Unattributed;
            var instance = byMachine.GetValueOrDefault(machine.Id) ?? (tagged ? ByTag(machine, byId) : null);
            if (instance is not null && instance.State != InstanceState.Terminated)
            {
                var linked = instance.ProviderInstanceId is null && IsSettled(instance.State);
                var kind = linked ? InventoryFindingKind.Linked
                    : HasDrifted(instance, machine) ? InventoryFindingKind.Drifted
                    : InventoryFindingKind.Matched;
                findings.Add(new(kind, machine, instance));
            }
            else
            {
                findings.Add(new(unowned, machine, instance));
            }
        }

        foreach (var instance in known.Where(i => i.ProviderInstanceId is not null && IsSettled(i.State)))
        {
            var machine = listed.GetValueOrDefault(instance.ProviderInstanceId!);
            if (machine is null || machine.State == DriverInstanceState.Terminated)
            {
                findings.Add(new(InventoryFindingKind.Vanished, machine, instance));
            }
        }

        return findings;
    }

    /// <summary>
    /// States with no operation in flight: the only ones a run may change. Pending and the other
    /// transitional states belong to their workflow.
    /// </summary>
    public static bool IsSettled(InstanceState state) => state is InstanceState.Running or InstanceState.Stopped or InstanceState.Error;

    /// <summary>
    /// The settled instance state a machine is in, by the provider's word; <c>null</c> while it is on its way somewhere
    /// (a later run sees where it lands) or in a state the broker does not settle on (error, unknown).
    /// </summary>
    public static InstanceState? ObservedState(DriverInstance machine) => machine.State switch
    {
        DriverInstanceState.Running => InstanceState.Running,
        DriverInstanceState.Stopped => InstanceState.Stopped,
        _ => null,
    };

    public static string? InstallationOf(DriverInstance machine) => machine.Tags.GetValueOrDefault(BrokerTags.InstallationId);

    public static string? InstanceIdOf(DriverInstance machine) => machine.Tags.GetValueOrDefault(BrokerTags.InstanceId);

    public static string? ProviderOf(DriverInstance machine) => machine.Tags.GetValueOrDefault(BrokerTags.ProviderId);

    /// <summary>What a live machine no live instance owns is to this provider: its orphan, one only reported, or another's.</summary>
    private static InventoryFindingKind KindIfUnowned(DriverInstance machine, string installationId, string providerId) =>
        !string.Equals(InstallationOf(machine), installationId, StringComparison.Ordinal) ? InventoryFindingKind.Foreign
        : ProviderOf(machine) is not { } madeBy ? InventoryFindingKind.Unattributed
        : string.Equals(madeBy, providerId, StringComparison.Ordinal) ? InventoryFindingKind.Orphan
        : InventoryFindingKind.OtherProvider;

    /// <summary>
    /// Whether a settled instance's machine settled elsewhere. An instance whose create failed never ran: its machine is
    /// its compensation's to remove, never a reason to bring it back.
    /// </summary>
    private static bool HasDrifted(KnownInstance instance, DriverInstance machine) =>
        IsSettled(instance.State) && !instance.CreateFailed && ObservedState(machine) is { } observed && observed != instance.State;

    private static bool IsAlive(DriverInstance machine) => machine.State is not (DriverInstanceState.Terminated or DriverInstanceState.Terminating);

    /// <summary>The instance the machine's tag names, if that instance has no machine id of its own (else the machine is a second one).</summary>
    private static KnownInstance? ByTag(DriverInstance machine, Dictionary<string, KnownInstance> byId) =>
        InstanceIdOf(machine) is { } id && byId.TryGetValue(id, out var instance) && instance.ProviderInstanceId is null ? instance : null;
}
