using CloudBroker.Drivers.Libvirt.Interop;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>
/// One libvirt provider behind the SPI. libvirt calls block, so each verb runs whole on one thread-pool thread:
/// every libvirt error is read on the thread that made it, and a cancelled token stops a verb before it starts.
/// </summary>
internal sealed class LibvirtDriver : ICloudDriver
{
    private static readonly IReadOnlySet<string> Declared = new HashSet<string>
    {
        Capability.StartStop, Capability.Reboot, Capability.RealmChoice, Capability.ProfileRanges, Capability.Capacity,
    };

    private readonly LibvirtSettings _settings;
    private readonly LibvirtCatalog _catalog;
    private readonly DomainObserver _observer;
    private readonly InstanceCreator _creator;
    private readonly DomainLifecycle _lifecycle;
    private readonly InstanceVolumes _volumes;
    private readonly InstanceLocks _locks = new();

    public LibvirtDriver(ProviderContext context, LibvirtSettings settings, LibvirtRealms realms, ILogger logger)
    {
        _settings = settings;
        Realms = realms;
        _catalog = new LibvirtCatalog(settings, realms, logger);
        _observer = new DomainObserver(context.ProviderId, context.Time, settings.StopGracePeriod, logger);
        _volumes = new InstanceVolumes(context.ProviderId, context.InstallationId, settings.StoragePool);
        _creator = new InstanceCreator(context.ProviderId, context.InstallationId, settings, realms, _catalog, _volumes, _observer, logger);
        _lifecycle = new DomainLifecycle(context.ProviderId, realms, _volumes, _observer, _locks, logger);
    }

    public IReadOnlySet<string> Capabilities => Declared;

    /// <summary>The provider's hosts; tests look at libvirt through these same connections.</summary>
    internal LibvirtRealms Realms { get; }

    public Task<IReadOnlyList<Realm>> ListRealmsAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<Realm>>(
            () => [.. Realms.All.Select(r => new Realm(r.RealmId, r.Address.Name, Realms.Answers(r)))], cancellationToken);

    /// <summary>
    /// Each answering host's logical CPUs and memory (<c>virNodeGetInfo</c>) and its storage pool's size
    /// (<c>virStoragePoolGetInfo</c>; none when the host lacks the pool). A host that does not answer is left out.
    /// </summary>
    public Task<IReadOnlyList<RealmCapacity>> ReadCapacityAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<RealmCapacity>>(() => [.. Realms.All.Where(Realms.Answers).Select(realm => realm.Run(connection =>
        {
            var (cpus, memoryKiB) = Connections.GetNodeInfo(connection);
            using var pool = Connections.TryLookupPool(connection, _settings.StoragePool);
            long? storageGiB = pool is null ? null : (long)(StoragePools.GetCapacity(pool) / (1024UL * 1024 * 1024));
            return new RealmCapacity(realm.RealmId, cpus, memoryKiB / 1024, storageGiB);
        }))], cancellationToken);

    public Task<IReadOnlyList<Image>> ListImagesAsync(CancellationToken cancellationToken) =>
        RunAsync(_catalog.ListImages, cancellationToken);

    public Task<IReadOnlyList<HardwareProfile>> ListHardwareProfilesAsync(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<IReadOnlyList<HardwareProfile>>(cancellationToken)
            : Task.FromResult(_catalog.Profiles);

    public Task<IReadOnlyList<DriverInstance>> ListInstancesAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<DriverInstance>>(() => [.. Realms.All.SelectMany(ListIn)], cancellationToken);

    public Task<DriverInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        RunAsync(() =>
        {
            DriverInstance? seen = null;
            try
            {
                if (LibvirtNames.TryParseInstanceId(instanceId, out var uuid))
                {
                    Realms.WithDomain(uuid, found => seen = _observer.Observe(found.Realm, found.Domain));
                }
            }
            catch (DriverException ex) when (ex.Kind == DriverErrorKind.NotFound)
            {
                // Undefined between the lookup and the read: gone.
            }

            return seen;
        }, cancellationToken);

    public Task<DriverInstance> CreateInstanceAsync(InstanceSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return RunAsync(() =>
        {
            var uuid = LibvirtSpecValidator.Check(spec, _settings, Realms);
            using var scope = _locks.Enter(uuid);
            return _creator.Create(spec, uuid);
        }, cancellationToken);
    }

    public Task StartInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        RunAsync(() => _lifecycle.Start(Parse(instanceId)), cancellationToken);

    public Task StopInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        RunAsync(() => _lifecycle.Stop(Parse(instanceId)), cancellationToken);

    public Task RebootInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        RunAsync(() => _lifecycle.Reboot(Parse(instanceId)), cancellationToken);

    public Task DestroyInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        RunAsync(() =>
        {
            if (LibvirtNames.TryParseInstanceId(instanceId, out var uuid))
            {
                _lifecycle.Destroy(uuid);
            }
        }, cancellationToken);

    public ValueTask DisposeAsync()
    {
        Realms.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The realm's domains, and the instance disks left without one.</summary>
    private List<DriverInstance> ListIn(LibvirtConnection realm) => realm.Run(connection =>
    {
        var domains = Connections.ListAllDomains(connection);
        try
        {
            var uuids = domains.Select(Domains.GetUuid).ToHashSet();
            var seen = new List<DriverInstance>(domains.Length);
            foreach (var domain in domains)
            {
                try
                {
                    seen.Add(_observer.Observe(realm, domain));
                }
                catch (DriverException ex) when (ex.Kind == DriverErrorKind.NotFound)
                {
                    // Undefined between the listing and the read: it is gone, not an error.
                }
            }

            seen.AddRange(_volumes.Leftovers(realm.RealmId, connection, uuids));
            return seen;
        }
        finally
        {
            NativeArrays.DisposeAll(domains);
        }
    });

    private static Guid Parse(string instanceId) =>
        LibvirtNames.TryParseInstanceId(instanceId, out var uuid) ? uuid : throw DomainLifecycle.NotFound(instanceId);

    private static Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken) => Task.Run(work, cancellationToken);

    private static Task RunAsync(Action work, CancellationToken cancellationToken) => Task.Run(work, cancellationToken);
}
