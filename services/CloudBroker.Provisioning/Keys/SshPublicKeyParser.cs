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

        if (parts[0] == "ssh-rsa" && (fields.Count != 3 || RsaBits(fields[2]) < MinRsaBits))
        {
            return (null, $"RSA keys must have at least {MinRsaBits} bits");
        }

        if (!HasKeyMaterial(parts[0], fields))
        {
            return (null, $"the key data is not a valid {parts[0]} key");
        }

        return ("SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('='), null);
    }

    /// <summary>The fields each type carries after its name (RFC 4253, 5656, 8709 and OpenSSH's sk- keys).</summary>
    private static bool HasKeyMaterial(string type, List<byte[]> fields) => type switch
    {
        "ssh-ed25519" => fields.Count == 2 && fields[1].Length == 32,
        "sk-ssh-ed25519@openssh.com" => fields.Count == 3 && fields[1].Length == 32 && fields[2].Length > 0,
        "ssh-rsa" => true,
        _ when type.StartsWith("ecdsa-sha2-", StringComparison.Ordinal) => fields.Count == 3 && IsEcPoint(type["ecdsa-sha2-".Length..], fields),
        _ => fields.Count == 4 && IsEcPoint("nistp256", fields) && fields[3].Length > 0,
    };

    /// <summary>The curve name matches and the point is uncompressed (0x04 ‖ X ‖ Y) of the curve's size.</summary>
    private static bool IsEcPoint(string curve, List<byte[]> fields)
    {
        var size = curve switch { "nistp256" => 32, "nistp384" => 48, "nistp521" => 66, _ => 0 };
        return Encoding.ASCII.GetString(fields[1]) == curve && fields[2].Length == 1 + (2 * size) && fields[2][0] == 4;
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
