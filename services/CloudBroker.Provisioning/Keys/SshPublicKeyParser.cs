using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CloudBroker.Provisioning.Keys;

/// <summary>
/// Checks an OpenSSH public key line: a known type, a base64 blob whose embedded type matches,
/// and for RSA at least 2048 bits. Returns the OpenSSH SHA256 fingerprint.
/// </summary>
public static class SshPublicKeyParser
{
    public const int MaxLength = 8192;

    public const int MinRsaBits = 2048;

    public static IReadOnlyList<string> Types { get; } =
        ["ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com"];

    /// <summary>The fingerprint, or an error saying what is wrong with the line.</summary>
    public static (string? Fingerprint, string? Error) Parse(string line)
    {
        var parts = line.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return (null, "must be an OpenSSH public key line: '<type> <base64> [comment]'");
        }

        if (!Types.Contains(parts[0]))
        {
            return (null, $"key type '{parts[0]}' is not supported");
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(parts[1]);
        }
        catch (FormatException)
        {
            return (null, "the key data is not valid base64");
        }

        var fields = ReadFields(blob);
        if (fields is null || fields.Count == 0 || Encoding.ASCII.GetString(fields[0]) != parts[0])
        {
            return (null, "the key data does not match its type");
        }

        if (parts[0] == "ssh-rsa" && (fields.Count < 3 || RsaBits(fields[2]) < MinRsaBits))
        {
            return (null, $"RSA keys must have at least {MinRsaBits} bits");
        }

        return ("SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('='), null);
    }

    /// <summary>Splits the SSH wire format: a sequence of uint32-length-prefixed strings.</summary>
    private static List<byte[]>? ReadFields(byte[] blob)
    {
        var fields = new List<byte[]>();
        var offset = 0;
        while (offset < blob.Length)
        {
            if (blob.Length - offset < 4)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(offset));
            offset += 4;
            if (length > (uint)(blob.Length - offset))
            {
                return null;
            }

            fields.Add(blob.AsSpan(offset, (int)length).ToArray());
            offset += (int)length;
        }

        return fields;
    }

    private static int RsaBits(byte[] modulus)
    {
        var bytes = modulus.AsSpan().TrimStart((byte)0);
        return bytes.Length == 0 ? 0 : ((bytes.Length - 1) * 8) + (8 - System.Numerics.BitOperations.LeadingZeroCount((uint)bytes[0]) + 24);
    }
}
