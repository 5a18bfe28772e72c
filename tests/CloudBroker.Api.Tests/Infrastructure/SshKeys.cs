using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CloudBroker.Api.Tests.Infrastructure;

/// <summary>Real OpenSSH public key lines made in the test, with their expected SHA256 fingerprints.</summary>
public static class SshKeys
{
    public static (string Line, string Fingerprint) Ed25519(int keyBytes = 32) =>
        Line("ssh-ed25519", Blob(Encoding.ASCII.GetBytes("ssh-ed25519"), RandomNumberGenerator.GetBytes(keyBytes)));

    /// <summary>An <c>ssh-rsa</c> key of <paramref name="bits"/> bits: string "ssh-rsa", mpint e, mpint n.</summary>
    public static (string Line, string Fingerprint) Rsa(int bits)
    {
        using var rsa = RSA.Create(bits);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return Line("ssh-rsa", Blob(Encoding.ASCII.GetBytes("ssh-rsa"), MpInt(parameters.Exponent!), MpInt(parameters.Modulus!)));
    }

    /// <summary>An ed25519 blob announced as another type.</summary>
    public static string Mislabelled(string type) => type + " " + Ed25519().Line.Split(' ')[1];

    public static string Fingerprint(byte[] blob) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');

    private static (string Line, string Fingerprint) Line(string type, byte[] blob) =>
        ($"{type} {Convert.ToBase64String(blob)} test@cloudbroker", Fingerprint(blob));

    /// <summary>The SSH wire format: each field as a uint32 big-endian length and its bytes.</summary>
    private static byte[] Blob(params byte[][] fields)
    {
        var blob = new byte[fields.Sum(f => 4 + f.Length)];
        var offset = 0;
        foreach (var field in fields)
        {
            BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(offset), (uint)field.Length);
            field.CopyTo(blob, offset + 4);
            offset += 4 + field.Length;
        }

        return blob;
    }

    /// <summary>An SSH mpint: big-endian two's complement, so a leading 0 when the high bit is set.</summary>
    private static byte[] MpInt(byte[] unsigned)
    {
        var trimmed = unsigned.AsSpan().TrimStart((byte)0);
        return trimmed.Length > 0 && (trimmed[0] & 0x80) != 0 ? [0, .. trimmed] : trimmed.ToArray();
    }
}
