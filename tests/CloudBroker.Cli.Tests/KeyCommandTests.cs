using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace CloudBroker.Cli.Tests;

/// <summary><c>keys</c>: register a public key from its file, see it listed with its fingerprint, use it, delete it.</summary>
public sealed class KeyCommandTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task A_key_registered_from_its_file_is_listed_installed_on_a_machine_and_deleted()
    {
        var (line, fingerprint) = Ed25519();
        var file = Path.Combine(broker.DataDirectory, "id_ed25519.pub");
        Directory.CreateDirectory(broker.DataDirectory);
        await File.WriteAllTextAsync(file, line + "\n", TestContext.Current.CancellationToken);

        var created = await broker.RunAsync("keys", "create", "--name", "laptop", "--public-key-file", file, "-o", "json");
        Assert.True(created.Exit == ExitCodes.Ok, created.ToString());
        var key = JsonNode.Parse(created.Output)!;
        Assert.Equal(fingerprint, (string?)key["fingerprint"]);
        var id = (string)key["id"]!;

        var table = await broker.RunAsync("keys", "list");
        Assert.Contains(table.Output.Split('\n'), row => row.StartsWith(id, StringComparison.Ordinal) && row.Contains(fingerprint, StringComparison.Ordinal));

        var machine = await broker.RunAsync("instances", "create", "--name", "keyed", "--provider", "mock", "--image", "debian-12",
            "--hardware-profile", "m1-small", "--key", id, "--wait", "-o", "json");
        Assert.True(machine.Exit == ExitCodes.Ok, machine.ToString());
        Assert.Equal(id, (string?)JsonNode.Parse(machine.Output)!["keyId"]);

        var deleted = await broker.RunAsync("keys", "delete", id);
        Assert.True(deleted.Exit == ExitCodes.Ok, deleted.ToString());
        Assert.Equal(ExitCodes.NotFound, (await broker.RunAsync("keys", "show", id)).Exit);
    }

    /// <summary>A real OpenSSH ed25519 public key line (string "ssh-ed25519", string key) and its SHA256 fingerprint.</summary>
    private static (string Line, string Fingerprint) Ed25519()
    {
        byte[][] fields = [Encoding.ASCII.GetBytes("ssh-ed25519"), RandomNumberGenerator.GetBytes(32)];
        var blob = new byte[fields.Sum(f => 4 + f.Length)];
        var offset = 0;
        foreach (var field in fields)
        {
            BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(offset), (uint)field.Length);
            field.CopyTo(blob, offset + 4);
            offset += 4 + field.Length;
        }

        return ($"ssh-ed25519 {Convert.ToBase64String(blob)} test@cloudbroker", "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('='));
    }
}
