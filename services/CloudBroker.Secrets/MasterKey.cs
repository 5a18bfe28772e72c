using System.Security.Cryptography;

namespace CloudBroker.Secrets;

/// <summary>
/// One 256-bit master key and its id: the first 8 bytes of its SHA-256 in hex, stored beside each sealed
/// secret so the right key is found after a rotation (the id reveals nothing usable about the key).
/// </summary>
public sealed class MasterKey
{
    public const int Size = 32;

    private readonly byte[] _key;

    internal MasterKey(byte[] key, string path)
    {
        _key = key.Length == Size ? key : throw new ArgumentException($"a master key is {Size} bytes", nameof(key));
        Id = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));
        Path = path;
    }

    public string Id { get; }

    /// <summary>The file it was read from, for messages.</summary>
    public string Path { get; }

    internal AesGcm Cipher() => new(_key, AesGcm.TagByteSizes.MaxSize);
}
