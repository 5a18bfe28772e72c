using System.Runtime.InteropServices;

namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>Copies C strings out of libvirt, by who owns them.</summary>
internal static unsafe class NativeStrings
{
    /// <summary>A string the caller owns (XML, metadata): copied, then freed with the C allocator libvirt uses.</summary>
    public static string? Take(nint pointer)
    {
        if (pointer == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(pointer);
        }
        finally
        {
            NativeMemory.Free((void*)pointer);
        }
    }

    /// <summary>A string libvirt keeps owning (a name inside an object): copied, never freed.</summary>
    public static string? Borrow(nint pointer) => pointer == 0 ? null : Marshal.PtrToStringUTF8(pointer);
}
