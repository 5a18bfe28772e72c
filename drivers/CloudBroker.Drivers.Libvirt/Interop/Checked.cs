using System.Runtime.InteropServices;

namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>Turns libvirt's failure returns (-1, NULL) into exceptions, reading the error on the calling thread.</summary>
internal static class Checked
{
    public static int Call(int result, string function) =>
        result >= 0 ? result : throw LibvirtError.Capture().ToException(function);

    public static T Handle<T>(T handle, string function)
        where T : SafeHandle
    {
        if (!handle.IsInvalid)
        {
            return handle;
        }

        var error = LibvirtError.Capture();
        handle.Dispose();
        throw error.ToException(function);
    }

    /// <summary>The handle, or <c>null</c> when the call failed with <paramref name="absent"/>; other failures throw.</summary>
    public static T? HandleOrNull<T>(T handle, string function, VirErrorCode absent)
        where T : SafeHandle
    {
        if (!handle.IsInvalid)
        {
            return handle;
        }

        var error = LibvirtError.Capture();
        handle.Dispose();
        return error.Code == absent ? null : throw error.ToException(function);
    }
}
