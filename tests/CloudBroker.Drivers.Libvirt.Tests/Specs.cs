namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>Create requests for the shipped hosts: the <c>small</c> default profile and the debian-12 image.</summary>
internal static class Specs
{
    public const string Debian = "debian-12-qcow2";

    public static InstanceSpec Small(string name = "web-1", Guid? instanceId = null, string? realmId = null)
    {
        var id = (instanceId ?? Guid.CreateVersion7()).ToString();
        return new InstanceSpec(
            IdempotencyToken: $"token-{Guid.NewGuid():N}",
            InstanceId: id,
            Name: name,
            ImageId: Debian,
            HardwareProfileId: "small",
            RealmId: realmId,
            Cpu: 1,
            MemoryMiB: 1024,
            StorageGiB: 10,
            SshKey: null,
            UserData: null,
            Tags: new Dictionary<string, string>
            {
                [BrokerTags.InstallationId] = LibvirtHarness.InstallationId,
                [BrokerTags.ProviderId] = LibvirtHarness.ProviderId,
                [BrokerTags.InstanceId] = id,
            });
    }
}
