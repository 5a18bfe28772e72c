namespace CloudBroker.Drivers.Mock.Tests;

/// <summary>Valid create requests for the mock's catalog.</summary>
internal static class MockSpecs
{
    /// <summary>A debian-12 m1-small at its defaults; the token also names the machine and the broker instance.</summary>
    public static InstanceSpec Small(string token, string? realmId = null) => new(
        IdempotencyToken: token,
        InstanceId: $"broker-{token}",
        Name: $"vm-{token}",
        ImageId: "debian-12",
        HardwareProfileId: "m1-small",
        RealmId: realmId,
        Cpu: 1,
        MemoryMiB: 1024,
        StorageGiB: 10,
        SshKey: null,
        UserData: null,
        Tags: new Dictionary<string, string>
        {
            [BrokerTags.InstallationId] = "test-installation",
            [BrokerTags.InstanceId] = $"broker-{token}",
            ["team"] = "qa",
        });
}
