using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CloudBroker.Drivers.Ec2.Tests;

/// <summary>Valid create requests against the fake's default catalog, and real OpenSSH key lines.</summary>
internal static class Ec2Specs
{
    public const string DebianAmd64 = "ami-0a1b2c3d4e5f60718";

    public static InstanceSpec Micro(string? token = null, string? realmId = null) =>
        new(
            IdempotencyToken: token ?? $"op-{Guid.NewGuid():N}",
            InstanceId: Guid.CreateVersion7().ToString(),
            Name: "web-1",
            ImageId: DebianAmd64,
            HardwareProfileId: "t3.micro",
            RealmId: realmId,
            Cpu: 2,
            MemoryMiB: 1024,
            StorageGiB: 8,
            SshKey: null,
            UserData: null,
            Tags: new Dictionary<string, string>
            {
                [BrokerTags.InstallationId] = "test-installation",
                [BrokerTags.InstanceId] = Guid.CreateVersion7().ToString(),
            });

    /// <summary>An ed25519 public key line made here: the SSH wire blob of "ssh-ed25519" and 32 random bytes.</summary>
    public static SshPublicKey Ed25519Key(string name = "laptop")
    {
        var type = Encoding.ASCII.GetBytes("ssh-ed25519");
        var key = RandomNumberGenerator.GetBytes(32);
        var blob = new byte[8 + type.Length + key.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, (uint)type.Length);
        type.CopyTo(blob, 4);
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(4 + type.Length), (uint)key.Length);
        key.CopyTo(blob, 8 + type.Length);
        return new SshPublicKey(name, $"ssh-ed25519 {Convert.ToBase64String(blob)} someone@example");
    }
}
