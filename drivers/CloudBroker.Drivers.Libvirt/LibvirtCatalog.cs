using CloudBroker.Drivers.Libvirt.Interop;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>
/// Images: the configured ones, or else every volume of the storage pool that is not an instance disk (id: the
/// volume name as an RFC 1123 label; the first in name order wins a clash). Profiles come from the settings.
/// </summary>
internal sealed class LibvirtCatalog(LibvirtSettings settings, LibvirtRealms realms, ILogger logger)
{
    public IReadOnlyList<HardwareProfile> Profiles => settings.Profiles;

    /// <summary>
    /// The images of every realm that answers (a pool's volumes can differ between hosts), each with the smallest disk
    /// it fits on: its volume's size on the host where it is largest.
    /// </summary>
    public IReadOnlyList<Image> ListImages()
    {
        var (volumes, failure) = PoolVolumes();
        if (settings.Images is { } configured)
        {
            return [.. configured.Select(i => i.ToImage(MinStorageGiB(volumes, i.Volume)))];
        }

        if (volumes is null)
        {
            return failure is null ? [] : throw failure;
        }

        return [.. PoolImages(volumes.Keys).Select(i => i.ToImage(MinStorageGiB(volumes, i.Volume))).OrderBy(i => i.Id, StringComparer.Ordinal)];
    }

    /// <summary>The image <paramref name="imageId"/> as the realm whose pool this is knows it.</summary>
    public LibvirtImage Resolve(StoragePoolHandle pool, string imageId) =>
        (settings.Images ?? PoolImages(VolumeNames(pool))).FirstOrDefault(i => i.Id == imageId)
            ?? throw new DriverException(DriverErrorKind.InvalidRequest, $"unknown image '{imageId}' (not in storage pool '{settings.StoragePool}')");

    /// <summary>The pool's volumes (name and capacity) in every realm that answers; <c>null</c> and the first failure when none did.</summary>
    private (Dictionary<string, ulong>? Volumes, DriverException? Failure) PoolVolumes()
    {
        Dictionary<string, ulong>? volumes = null;
        DriverException? failure = null;
        foreach (var realm in realms.All)
        {
            try
            {
                var found = realm.Run(connection =>
                {
                    using var pool = Connections.LookupPool(connection, settings.StoragePool);
                    Refresh(pool);
                    return ReadVolumes(pool);
                });
                volumes ??= new Dictionary<string, ulong>(StringComparer.Ordinal);
                foreach (var (name, capacity) in found)
                {
                    volumes[name] = Math.Max(capacity, volumes.GetValueOrDefault(name));
                }
            }
            catch (DriverException ex) when (ex.IsTransient || settings.Images is not null)
            {
                // Configured images are listed without their hosts; their sizes are then unknown (the create still checks).
                LibvirtLog.RealmUnanswered(logger, realm.RealmId, ex);
                failure ??= ex;
            }
        }

        return (volumes, failure);
    }

    /// <summary>The pool's volumes with their capacities; one deleted meanwhile (an instance's disk) is left out.</summary>
    private static List<(string Name, ulong Capacity)> ReadVolumes(StoragePoolHandle pool)
    {
        var volumes = StoragePools.ListAllVolumes(pool);
        try
        {
            var read = new List<(string Name, ulong Capacity)>(volumes.Length);
            foreach (var volume in volumes)
            {
                try
                {
                    read.Add((StorageVolumes.GetName(volume), StorageVolumes.GetCapacity(volume)));
                }
                catch (DriverException ex) when (ex.Kind == DriverErrorKind.NotFound)
                {
                    // Deleted between the listing and the read.
                }
            }

            return read;
        }
        finally
        {
            NativeArrays.DisposeAll(volumes);
        }
    }

    private static List<string> VolumeNames(StoragePoolHandle pool)
    {
        var volumes = StoragePools.ListAllVolumes(pool);
        try
        {
            return [.. volumes.Select(StorageVolumes.GetName)];
        }
        finally
        {
            NativeArrays.DisposeAll(volumes);
        }
    }

    private void Refresh(StoragePoolHandle pool)
    {
        try
        {
            StoragePools.Refresh(pool);
        }
        catch (DriverException ex)
        {
            // A pool busy with a copy cannot refresh now; its list is still good.
            LibvirtLog.RefreshFailed(logger, settings.StoragePool, ex.Message);
        }
    }

    private List<LibvirtImage> PoolImages(IEnumerable<string> volumeNames) =>
        [.. volumeNames
            .Where(name => !LibvirtNames.IsInstanceVolume(name))
            .Order(StringComparer.Ordinal)
            .Select(name => new LibvirtImage(
                LibvirtNames.Sanitize(name), name, $"volume '{name}' of storage pool '{settings.StoragePool}'", "x86_64", name))
            .DistinctBy(i => i.Id)];

    /// <summary>Whole GiB, rounded up: a 64 MiB image needs 1 GiB.</summary>
    private static int MinStorageGiB(Dictionary<string, ulong>? volumes, string? volume) =>
        volume is not null && volumes?.GetValueOrDefault(volume) is { } bytes and > 0 ? (int)((bytes + (1UL << 30) - 1) >> 30) : 0;
}
