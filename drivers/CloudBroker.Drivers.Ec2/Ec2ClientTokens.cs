using System.Security.Cryptography;
using System.Text;

namespace CloudBroker.Drivers.Ec2;

/// <summary>EC2's ClientToken is at most 64 ASCII characters: a longer or non-ASCII broker token is sent as its SHA-256.</summary>
internal static class Ec2ClientTokens
{
    public const int MaxLength = 64;

    public static string For(string idempotencyToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyToken);
        return idempotencyToken.Length <= MaxLength && idempotencyToken.All(c => c is > ' ' and < (char)127)
            ? idempotencyToken
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyToken)));
    }
}
