using Azure.ResourceManager.Compute;

namespace CloudBroker.Drivers.Azure;

/// <summary>What the broker sees of a VM: its state through <see cref="AzureStates"/>, its image as a configured id.</summary>
internal sealed class VmObserver(IReadOnlyList<AzureImage> images)
{
    public DriverInstance Observe(VirtualMachineData vm)
    {
        var native = AzureStates.Native(vm);
        var reference = vm.StorageProfile?.ImageReference;
        var image = reference is null ? null : images.FirstOrDefault(i =>
            Same(i.Publisher, reference.Publisher) && Same(i.Offer, reference.Offer) && Same(i.Sku, reference.Sku) && Same(i.Version, reference.Version));
        return new DriverInstance(
            vm.Name,
            vm.OSProfile?.ComputerName ?? vm.Name,
            AzureRealms.RealmOf(vm.Location.Name, vm.Zones),
            image?.Id ?? (reference is null ? null : $"{reference.Publisher}:{reference.Offer}:{reference.Sku}:{reference.Version}"),
            vm.HardwareProfile?.VmSize?.ToString(),
            AzureStates.Table.Map(native),
            native,
            // Addresses live on the NIC, a Microsoft.Network resource this driver does not read.
            [],
            new Dictionary<string, string>(vm.Tags, StringComparer.Ordinal));
    }

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
