using System.Runtime.InteropServices;

namespace CloudBroker.Secrets.Interop;

/// <summary>
/// The few C library calls the private-file rule needs and .NET does not offer: the umask, the process's user
/// and groups, and a file's owner and group (<c>statx</c>, whose buffer has one layout on every Linux architecture).
/// </summary>
internal static partial class Libc
{
    private const string Library = "libc.so.6";

    /// <summary><c>statx</c>'s mask bits for the fields read here.</summary>
    internal const uint StatxModeUidGid = 0x2 | 0x8 | 0x10;

    private const int CurrentDirectory = -100; // AT_FDCWD

    [LibraryImport(Library, EntryPoint = "umask")]
    internal static partial uint Umask(uint mask);

    [LibraryImport(Library, EntryPoint = "geteuid")]
    internal static partial uint EffectiveUserId();

    [LibraryImport(Library, EntryPoint = "getegid")]
    internal static partial uint EffectiveGroupId();

    /// <summary>The supplementary groups; with <paramref name="size"/> 0, how many there are.</summary>
    [LibraryImport(Library, EntryPoint = "getgroups", SetLastError = true)]
    internal static partial int GetGroups(int size, [Out] uint[]? groups);

    [LibraryImport(Library, EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary>The owner and group of <paramref name="path"/> (links followed), or <c>null</c> when it cannot be read.</summary>
    internal static (uint Owner, uint Group)? OwnerOf(string path) =>
        Statx(CurrentDirectory, path, 0, StatxModeUidGid, out var buffer) == 0 ? (buffer.Uid, buffer.Gid) : null;

    /// <summary>The head of <c>struct statx</c> (256 bytes in all): <c>stx_uid</c> at offset 20, <c>stx_gid</c> at 24.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct StatxBuffer
    {
        public uint Mask;
        public uint BlockSize;
        public ulong Attributes;
        public uint Links;
        public uint Uid;
        public uint Gid;
        public ushort Mode;
    }
}
