using CloudBroker.Drivers;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Instances;

namespace CloudBroker.Provisioning.Reconciliation;

/// <summary>The instance row an adopted machine gets: owned by the system tenant's admin, described from the machine.</summary>
public static class AdoptedInstance
{
    /// <summary>The bootstrap admin's tenant and user (<c>CloudBroker.Identity.Tenancy.SystemTenant</c>, which provisioning does not reference).</summary>
    public const string TenantId = "system";

    public const string OwnerId = "admin";

    public const string GroupId = "system";

    public const string Unknown = "unknown";

    /// <summary>The state an adopted machine starts in; <c>null</c> while it is transitional (a later run adopts it).</summary>
    public static InstanceState? StateOf(DriverInstance machine) => machine.State switch
    {
        DriverInstanceState.Running => InstanceState.Running,
        DriverInstanceState.Stopped => InstanceState.Stopped,
        DriverInstanceState.Error or DriverInstanceState.Unknown => InstanceState.Error,
        _ => null,
    };

    /// <summary>A new row in state pending (the caller moves it to <see cref="StateOf"/>, which records the change like a create).</summary>
    public static Instance From(DriverInstance machine, string id, string providerId, HardwareProfile? profile, DateTime now) => new()
    {
        Id = id,
        Name = NameFor(machine, id),
        ProviderId = providerId,
        RealmId = machine.RealmId,
        ImageId = machine.ImageId ?? Unknown,
        HardwareProfileId = machine.HardwareProfileId ?? Unknown,

        // The provider does not report sizes: the profile's defaults are the best guess.
        Cpu = (int)(profile?.Cpu.Default ?? 0),
        MemoryMiB = (int)(profile?.MemoryMiB.Default ?? 0),
        StorageGiB = (int)(profile?.StorageGiB.Default ?? 0),
        State = InstanceState.Pending,
        ProviderInstanceId = machine.Id,
        Addresses = [.. machine.Addresses],
        TenantId = TenantId,
        OwnerId = OwnerId,
        GroupId = GroupId,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>The machine's name made an RFC 1123 label, or <c>adopted-</c> and the start of the id when nothing usable is left.</summary>
    public static string NameFor(DriverInstance machine, string id)
    {
        var label = new string(machine.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        if (label.Length > ResourceName.MaxLength)
        {
            label = label[..ResourceName.MaxLength].TrimEnd('-');
        }

        return ResourceName.IsValid(label) ? label : "adopted-" + id.Replace("-", "", StringComparison.Ordinal)[..12];
    }
}
