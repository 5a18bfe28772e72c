using System.Diagnostics;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>
/// The libvirt driver's span source: one span per call into <c>libvirt.so.0</c> (<see cref="Interop.LibvirtCall"/>), beneath
/// the broker's provider-call span. The hosts' telemetry setup subscribes to <see cref="Name"/>; without a subscriber no
/// span is made.
/// </summary>
public static class LibvirtTelemetry
{
    public const string Name = "CloudBroker.Drivers.Libvirt";

    internal static readonly ActivitySource Source = new(Name);

    // Attribute names: libvirt's own under libvirt.*, the rest as OpenTelemetry's conventions name them.
    internal const string FunctionTag = "libvirt.function";
    internal const string ErrorCodeTag = "libvirt.error.code";
    internal const string ServerAddressTag = "server.address";
    internal const string ErrorTypeTag = "error.type";
}
