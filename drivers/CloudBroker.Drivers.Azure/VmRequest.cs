using System.Text;
using Azure.Core;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;

namespace CloudBroker.Drivers.Azure;

/// <summary>
/// The VM PUT for a broker spec. The NIC is implicit (<c>networkInterfaceConfigurations</c>, so no Network SDK call
/// is needed) and, like the OS disk, is deleted with the VM: destroying an instance leaves nothing behind.
/// </summary>
internal static class VmRequest
{
    public static VirtualMachineData Build(InstanceSpec spec, string vmName, AzureSettings settings, AzureImage image, string? zone)
    {
        var key = spec.SshKey?.PublicKey ?? settings.AdminSshPublicKey
            ?? throw new DriverException(DriverErrorKind.InvalidRequest,
                "Azure Linux VMs need an SSH key: name a key in the request, or set AdminSshPublicKey on the provider");
        var data = new VirtualMachineData(new AzureLocation(settings.Location))
        {
            HardwareProfile = new VirtualMachineHardwareProfile { VmSize = new VirtualMachineSizeType(spec.HardwareProfileId) },
            StorageProfile = new VirtualMachineStorageProfile
            {
                ImageReference = new ImageReference { Publisher = image.Publisher, Offer = image.Offer, Sku = image.Sku, Version = image.Version },
                OSDisk = new VirtualMachineOSDisk(DiskCreateOptionType.FromImage)
                {
                    Name = $"{vmName}-osdisk",
                    DiskSizeGB = spec.StorageGiB,
                    DeleteOption = DiskDeleteOptionType.Delete,
                    ManagedDisk = new VirtualMachineManagedDisk { StorageAccountType = StorageAccountType.StandardSsdLrs },
                },
            },
            OSProfile = new VirtualMachineOSProfile
            {
                ComputerName = spec.Name,
                AdminUsername = settings.AdminUsername,
                CustomData = spec.UserData is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(spec.UserData)),
                LinuxConfiguration = new LinuxConfiguration
                {
                    IsPasswordAuthenticationDisabled = true,
                    SshPublicKeys = { new SshPublicKeyConfiguration { Path = $"/home/{settings.AdminUsername}/.ssh/authorized_keys", KeyData = key } },
                },
            },
            NetworkProfile = new VirtualMachineNetworkProfile
            {
                NetworkApiVersion = NetworkApiVersion.TwoThousandTwenty1101,
                NetworkInterfaceConfigurations =
                {
                    new VirtualMachineNetworkInterfaceConfiguration($"{vmName}-nic")
                    {
                        Primary = true,
                        DeleteOption = ComputeDeleteOption.Delete,
                        IPConfigurations =
                        {
                            new VirtualMachineNetworkInterfaceIPConfiguration("ipconfig1")
                            {
                                Primary = true,
                                SubnetId = new ResourceIdentifier(settings.SubnetId),
                            },
                        },
                    },
                },
            },
        };
        if (zone is not null)
        {
            data.Zones.Add(zone);
        }

        foreach (var (name, value) in spec.Tags)
        {
            data.Tags[name] = value;
        }

        return data;
    }
}
