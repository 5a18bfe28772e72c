using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>
/// One call into libvirt: its span and the check of its result. Every wrapper in this folder opens one before its native
/// call and makes the call inside it, then hands the result to it (<see cref="Check"/>, <see cref="Handle{T}"/>, ...), which
/// turns libvirt's failure returns (-1, NULL) into a <see cref="DriverException"/> and marks the span with libvirt's error.
/// A struct, so a call allocates nothing when nobody listens (<see cref="ActivitySource.StartActivity(string, ActivityKind)"/>
/// returns <c>null</c> then), and no closure: the native call keeps its <c>out</c> arguments and stack buffers.
/// <para>
/// Calls that only read the client's own memory get no span: a name or UUID kept in the object (<c>virDomainGetName</c>,
/// <c>virDomainGetUUIDString</c>, <c>virDomainGetID</c>, <c>virStorageVolGetName</c>), the socket check
/// <c>virConnectIsAlive</c>, the thread's error, and freeing handles and arrays (which also runs from finalizers, outside
/// any trace). <c>SpanCoverageTests</c> holds every other call of the driver to a <c>LibvirtCall</c> of its name.
/// </para>
/// </summary>
internal readonly ref struct LibvirtCall
{
    /// <summary>The network host of the connection this thread is calling through; <c>null</c> for an in-process host.</summary>
    [ThreadStatic]
    private static string? t_serverAddress;

    private readonly string _function;
    private readonly Activity? _span;

    private LibvirtCall(string function, Activity? span)
    {
        _function = function;
        _span = span;
    }

    /// <summary>Opens the span of <paramref name="function"/> (pass <c>nameof(NativeMethods.virX)</c>); dispose it after the call.</summary>
    public static LibvirtCall Start(string function)
    {
        var span = LibvirtTelemetry.Source.StartActivity(function, ActivityKind.Client);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(LibvirtTelemetry.FunctionTag, function);
            if (t_serverAddress is { } server)
            {
                span.SetTag(LibvirtTelemetry.ServerAddressTag, server);
            }
        }

        return new LibvirtCall(function, span);
    }

    /// <summary>
    /// Names the host the calls of this thread reach until the scope ends. libvirt's objects do not say which connection
    /// they came from without another call, and a driver verb runs whole on one thread (as libvirt's errors require).
    /// </summary>
    public static ServerScope Against(string? host)
    {
        var outer = t_serverAddress;
        t_serverAddress = host;
        return new ServerScope(outer);
    }

    public int Check(int result) => result >= 0 ? result : throw Failed(LibvirtError.Capture());

    public T Handle<T>(T handle)
        where T : SafeHandle
    {
        if (!handle.IsInvalid)
        {
            return handle;
        }

        var error = LibvirtError.Capture();
        handle.Dispose();
        throw Failed(error);
    }

    /// <summary>The handle, or <c>null</c> when the call failed with <paramref name="absent"/> (an answer, not an error); other failures throw.</summary>
    public T? HandleOrNull<T>(T handle, VirErrorCode absent)
        where T : SafeHandle
    {
        if (!handle.IsInvalid)
        {
            return handle;
        }

        var error = LibvirtError.Capture();
        handle.Dispose();
        return error.Code == absent ? Absent<T>(error) : throw Failed(error);
    }

    /// <summary>A string the caller owns (<see cref="NativeStrings.Take"/>); NULL is a failure.</summary>
    public string String(nint owned) => NativeStrings.Take(owned) ?? throw Failed(LibvirtError.Capture());

    /// <summary>A string the caller owns, or <c>null</c> when the call failed with <paramref name="absent"/>.</summary>
    public string? StringOrNull(nint owned, VirErrorCode absent)
    {
        if (NativeStrings.Take(owned) is { } text)
        {
            return text;
        }

        var error = LibvirtError.Capture();
        return error.Code == absent ? Absent<string>(error) : throw Failed(error);
    }

    /// <summary>Marks the span with <paramref name="error"/> and returns the exception to throw.</summary>
    public DriverException Failed(LibvirtError error) => Failed(error, error.Kind);

    /// <inheritdoc cref="Failed(LibvirtError)"/>
    public DriverException Failed(LibvirtError error, DriverErrorKind kind)
    {
        if (_span is not null)
        {
            _span.SetTag(LibvirtTelemetry.ErrorCodeTag, (int)error.Code);
            // The driver's error kind, in the words of the provider-call span above (a failure path: the string may allocate).
            _span.SetTag(LibvirtTelemetry.ErrorTypeTag, kind.ToString().ToLowerInvariant());
            _span.SetStatus(ActivityStatusCode.Error, error.Message);
        }

        return error.ToException(_function, kind);
    }

    public void Dispose() => _span?.Dispose();

    private T? Absent<T>(LibvirtError error)
        where T : class
    {
        _span?.SetTag(LibvirtTelemetry.ErrorCodeTag, (int)error.Code);
        return null;
    }

    /// <summary>Restores the host named before <see cref="Against"/>.</summary>
    public readonly ref struct ServerScope(string? outer)
    {
        public void Dispose() => t_serverAddress = outer;
    }
}
