using CloudBroker.Drivers.Libvirt.Interop;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>
/// The one long-lived connection to a realm's libvirt URI, shared by every call of the driver (a libvirt
/// connection is thread-safe). It is opened on first use and reopened when <c>virConnectIsAlive</c> says it died.
/// Before each open the host's addresses are checked against the endpoint policy (libvirt resolves and connects
/// itself, so this narrows DNS rebinding to the moment between the two lookups; the allow-list by name is the rest).
/// </summary>
internal sealed class LibvirtConnection : IDisposable
{
    private readonly EndpointPolicy _endpoints;
    private readonly Func<ConnectionHandle, bool> _isAlive;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private ConnectionHandle? _handle;
    private bool _disposed;

    /// <param name="isAlive">The liveness probe (<see cref="Connections.IsAlive"/>; tests pass their own).</param>
    public LibvirtConnection(RealmAddress address, EndpointPolicy endpoints, Func<ConnectionHandle, bool> isAlive, ILogger logger)
    {
        Address = address;
        _endpoints = endpoints;
        _isAlive = isAlive;
        _logger = logger;
    }

    public RealmAddress Address { get; }

    public string RealmId => Address.RealmId;

    /// <summary>The shared connection, opened or reopened as needed.</summary>
    public ConnectionHandle Acquire()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_handle is not null)
            {
                if (_isAlive(_handle))
                {
                    return _handle;
                }

                LibvirtLog.Reopening(_logger, RealmId, Address.Uri);

                // Calls in flight keep the old handle referenced; SafeHandle closes it after the last one returns.
                _handle.Dispose();
                _handle = null;
            }

            if (Address.Host is { } host && _endpoints.RefuseResolved(host) is { } refusal)
            {
                throw new DriverException(DriverErrorKind.Unavailable, refusal + "; the broker did not connect");
            }

            using (LibvirtCall.Against(Address.Host))
            {
                _handle = Connections.Open(Address.Uri);
            }

            LibvirtLog.Connected(_logger, RealmId, Address.Uri);
            return _handle;
        }
    }

    /// <summary>Runs <paramref name="work"/> on the connection; its failures name this realm, its libvirt spans this host.</summary>
    public T Run<T>(Func<ConnectionHandle, T> work)
    {
        using var server = LibvirtCall.Against(Address.Host);
        try
        {
            return work(Acquire());
        }
        catch (DriverException ex)
        {
            throw new DriverException(ex.Kind, $"libvirt realm '{RealmId}': {ex.Message}", ex.RetryAfter, ex);
        }
        catch (ObjectDisposedException ex) when (!_disposed)
        {
            throw new DriverException(
                DriverErrorKind.Unavailable, $"libvirt realm '{RealmId}': the connection was reopened during the call; try again", inner: ex);
        }
    }

    public void Run(Action<ConnectionHandle> work) => Run(connection =>
    {
        work(connection);
        return true;
    });

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _handle?.Dispose();
            _handle = null;
        }
    }
}
