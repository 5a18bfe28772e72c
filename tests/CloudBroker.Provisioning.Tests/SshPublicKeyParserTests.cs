using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CloudBroker.Provisioning.Keys;

namespace CloudBroker.Provisioning.Tests;

public sealed class SshPublicKeyParserTests
{
    [Fact]
    public void An_ed25519_key_is_accepted_with_its_openssh_fingerprint()
    {
        var blob = Blob(Encoding.ASCII.GetBytes("ssh-ed25519"), RandomNumberGenerator.GetBytes(32));
        var (fingerprint, error) = SshPublicKeyParser.Parse("ssh-ed25519 " + Convert.ToBase64String(blob) + " me@laptop");
        Assert.Null(error);
        Assert.Equal("SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('='), fingerprint);
    }

    [Theory]
    [InlineData(2048, true)]
    [InlineData(1024, false)]
    public void Rsa_keys_need_2048_bits(int bits, bool accepted)
    {
        using var rsa = RSA.Create(bits);
        var p = rsa.ExportParameters(false);
        var blob = Blob(Encoding.ASCII.GetBytes("ssh-rsa"), p.Exponent!, [0, .. p.Modulus!]);
        var (_, error) = SshPublicKeyParser.Parse("ssh-rsa " + Convert.ToBase64String(blob));
        Assert.Equal(accepted, error is null);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ssh-ed25519")]
    [InlineData("ssh-dss AAAAB3NzaC1kc3MAAACBAP")]
    [InlineData("ssh-ed25519 not!base64")]
    [InlineData("ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQABAAABAQ==")]
    public void Malformed_or_mismatched_lines_are_refused_with_a_reason(string line)
    {
        var (fingerprint, error) = SshPublicKeyParser.Parse(line);
        Assert.Null(fingerprint);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void A_blob_whose_type_differs_from_the_line_is_refused()
    {
        var blob = Blob(Encoding.ASCII.GetBytes("ssh-rsa"), RandomNumberGenerator.GetBytes(32));
        Assert.NotNull(SshPublicKeyParser.Parse("ssh-ed25519 " + Convert.ToBase64String(blob)).Error);
    }

    private static byte[] Blob(params byte[][] fields)
    {
        var result = new List<byte>();
        foreach (var field in fields)
        {
            var length = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)field.Length);
            result.AddRange(length);
            result.AddRange(field);
        }

        return [.. result];
    }
}
