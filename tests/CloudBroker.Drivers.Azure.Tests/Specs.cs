namespace CloudBroker.Drivers.Azure.Tests;

/// <summary>Valid specs for the driver's default catalog.</summary>
internal static class Specs
{
    public const string UserKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIUserKeyUserKeyUserKeyUserKeyUserKeyUserKey alice@example";

    public static InstanceSpec New(string? realmId = null, string? userData = null, SshPublicKey? key = null, string image = "ubuntu-22-04")
    {
        var instanceId = Guid.CreateVersion7().ToString();
        return new InstanceSpec(
            IdempotencyToken: $"op-{Guid.NewGuid():N}",
            InstanceId: instanceId,
            Name: "web-1",
            ImageId: image,
            HardwareProfileId: "Standard_B1s",
            RealmId: realmId,
            Cpu: 1,
            MemoryMiB: 1024,
            StorageGiB: 30,
            SshKey: key,
            UserData: userData,
            Tags: new Dictionary<string, string>
            {
                [BrokerTags.InstallationId] = "test-installation",
                [BrokerTags.InstanceId] = instanceId,
            });
    }
}
