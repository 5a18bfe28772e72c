using System.Reflection;
using System.Runtime.Loader;

namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>Shares every managed assembly with the default context except the driver's, and has no libvirt.</summary>
internal sealed class LoadContextWithoutLibvirt() : AssemblyLoadContext("without-libvirt", isCollectible: true)
{
    public int Requests { get; private set; }

    protected override Assembly? Load(AssemblyName assemblyName) => null;

    protected override nint LoadUnmanagedDll(string unmanagedDllName)
    {
        if (unmanagedDllName != "libvirt.so.0")
        {
            return 0;
        }

        Requests++;
        return LoadUnmanagedDllFromPath(Path.Combine(AppContext.BaseDirectory, "no-libvirt-here", "libvirt.so.0"));
    }
}
