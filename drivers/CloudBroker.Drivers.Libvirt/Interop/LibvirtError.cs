using System.Runtime.InteropServices;

namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>
/// A copy of libvirt's last error. It is thread-local in libvirt: <see cref="Capture"/> must run on the thread of
/// the failing call, straight after it (every wrapper in this folder is synchronous for that reason).
/// </summary>
internal readonly record struct LibvirtError(VirErrorCode Code, string Message)
{
    public DriverErrorKind Kind => LibvirtErrorKinds.Map(Code);

    public static unsafe LibvirtError Capture()
    {
        var error = (VirError*)NativeMethods.virGetLastError();
        if (error is null)
        {
            return new LibvirtError(VirErrorCode.InternalError, "the call failed without setting a libvirt error");
        }

        var copy = new LibvirtError((VirErrorCode)error->Code, Marshal.PtrToStringUTF8(error->Message) ?? "(no message)");
        NativeMethods.virResetLastError();
        return copy;
    }

    public DriverException ToException(string function) => ToException(function, Kind);

    public DriverException ToException(string function, DriverErrorKind kind) =>
        new(kind, $"{function} failed: {Message} (libvirt error {(int)Code})");
}
