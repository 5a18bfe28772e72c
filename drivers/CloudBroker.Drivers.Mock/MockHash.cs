using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CloudBroker.Drivers.Mock;

/// <summary>
/// Deterministic numbers from text: ids, addresses and fault dice all come from here, so the same seed
/// and the same calls give the same cloud on any machine and in any process (no shared Random state).
/// </summary>
internal static class MockHash
{
    public static ulong Of(params ReadOnlySpan<string> parts)
    {
        // The unit separator cannot appear in the parts we hash, so ("a","bc") and ("ab","c") differ.
        var bytes = Encoding.UTF8.GetBytes(string.Join('\u001f', parts));
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, digest);
        return BinaryPrimitives.ReadUInt64BigEndian(digest);
    }

    /// <summary>A number in [0, 1) from a hash, using its top 53 bits (a double's precision).</summary>
    public static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    public static string InstanceId(long seed, long sequence) =>
        "i-" + Of("instance", seed.ToString(), sequence.ToString()).ToString("x16");

    /// <summary>A private address fixed by the id, so it is the same after restarts and in every process.</summary>
    public static string PrivateAddress(string instanceId)
    {
        var h = Of("address", instanceId);
        return $"10.{(h >> 16) & 0xff}.{(h >> 8) & 0xff}.{1 + ((h & 0xff) % 254)}";
    }
}
