using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>The native library: its one name, and the once-per-process set-up every connection needs.</summary>
internal static unsafe class LibvirtLibrary
{
    /// <summary>The soname Debian's <c>libvirt0</c> package installs; every import names this constant.</summary>
    public const string Name = "libvirt.so.0";

    public const string InstallCommand = "apt-get install libvirt0";

    private static readonly Lock Gate = new();
    private static bool _initialized;

    /// <summary>
    /// Loads libvirt, calls <c>virInitialize</c> and silences its default error printer, once. Throws
    /// <see cref="DriverException"/> (<see cref="DriverErrorKind.Unavailable"/>) with the fix when the library is missing.
    /// </summary>
    public static void EnsureInitialized()
    {
        lock (Gate)
        {
            if (_initialized)
            {
                return;
            }

            try
            {
                if (NativeMethods.virInitialize() < 0)
                {
                    throw LibvirtError.Capture().ToException("virInitialize");
                }

                // Without a handler libvirt prints every error to stderr; we read errors from virGetLastError instead.
                NativeMethods.virSetErrorFunc(0, &IgnoreError);
            }
            catch (DllNotFoundException ex)
            {
                throw new DriverException(
                    DriverErrorKind.Unavailable,
                    $"the libvirt library ({Name}) cannot be loaded on this host. Install it: {InstallCommand}",
                    inner: ex);
            }

            _initialized = true;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void IgnoreError(nint userData, nint error)
    {
    }
}
