using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;

namespace CloudBroker.Drivers.Ec2;

/// <summary>
/// SSH keys as EC2 key pairs. A key's pair is named after its fingerprint, so one key is imported once per
/// account and region, whichever broker key object or process uses it, and a name can never point at another key.
/// </summary>
internal sealed class Ec2KeyPairs(IAmazonEC2 client, Action<string> imported)
{
    public const string NamePrefix = "cloudbroker-";

    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);

    /// <summary>The key pair's name for an OpenSSH public key line: the prefix and 32 hex digits of the key blob's SHA-256.</summary>
    public static string NameFor(SshPublicKey key)
    {
        var parts = key.PublicKey.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var blob = parts.Length >= 2 ? TryDecode(parts[1]) : null;
        return blob is null
            ? throw new DriverException(DriverErrorKind.InvalidRequest, $"key '{key.Name}' is not an OpenSSH public key line")
            : NamePrefix + Convert.ToHexStringLower(SHA256.HashData(blob))[..32];
    }

    /// <summary>The key pair's name, importing the key first when the account does not have it yet.</summary>
    public async Task<string> EnsureAsync(SshPublicKey key, CancellationToken cancellationToken)
    {
        var name = NameFor(key);
        if (_known.ContainsKey(name))
        {
            return name;
        }

        try
        {
            await client.DescribeKeyPairsAsync(new DescribeKeyPairsRequest { KeyNames = [name] }, cancellationToken);
        }
        catch (AmazonServiceException ex) when (ex.ErrorCode == "InvalidKeyPair.NotFound")
        {
            await ImportAsync(name, key, cancellationToken);
        }

        _known[name] = true;
        return name;
    }

    private async Task ImportAsync(string name, SshPublicKey key, CancellationToken cancellationToken)
    {
        try
        {
            // EC2 wants the OpenSSH line base64-encoded on the wire, and this SDK sends the string as given.
            await client.ImportKeyPairAsync(
                new ImportKeyPairRequest
                {
                    KeyName = name,
                    PublicKeyMaterial = Convert.ToBase64String(Encoding.UTF8.GetBytes(key.PublicKey.Trim())),
                },
                cancellationToken);
            imported(name);
        }
        catch (AmazonServiceException ex) when (ex.ErrorCode == "InvalidKeyPair.Duplicate")
        {
            // Another process imported the same key in between: its name says it is this key.
        }
    }

    private static byte[]? TryDecode(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) && written > 0 ? buffer[..written] : null;
    }
}
