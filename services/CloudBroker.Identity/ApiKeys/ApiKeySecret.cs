using System.Security.Cryptography;
using System.Text;

namespace CloudBroker.Identity.ApiKeys;

/// <summary>Makes and hashes API key secrets. Secrets carry 256 random bits, so a plain SHA-256 is a safe hash.</summary>
public static class ApiKeySecret
{
    public const string Scheme = "cbk_";

    public const int PrefixLength = 12;

    public static string New() => Scheme + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string PrefixOf(string secret) => secret.Length <= PrefixLength ? secret : secret[..PrefixLength];

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
