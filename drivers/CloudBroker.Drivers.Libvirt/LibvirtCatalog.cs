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

    /// <summary>The images of every realm that answers (a pool's volumes can differ between hosts).</summary>
    public IReadOnlyList<Image> ListImages()
    {
        if (settings.Images is { } configured)
        {
            return [.. configured.Select(i => i.ToImage())];
        }

        var images = new List<Image>();
        DriverException? failure = null;
        var answered = false;
        foreach (var realm in realms.All)
        {
            try
            {
                var found = realm.Run(connection =>
                {
                    using var pool = Connections.LookupPool(connection, settings.StoragePool);
                    return PoolImages(pool, refresh: true);
                });
                images.AddRange(found.Where(i => images.TrueForAll(known => known.Id != i.Id)).Select(i => i.ToImage()));
                answered = true;
            }
            catch (DriverException ex) when (ex.IsTransient)
            {
                LibvirtLog.RealmUnanswered(logger, realm.RealmId, ex);
                failure ??= ex;
            }
        }

        return answered || failure is null ? [.. images.OrderBy(i => i.Id, StringComparer.Ordinal)] : throw failure;
    }

    /// <summary>The image <paramref name="imageId"/> as the realm whose pool this is knows it.</summary>
    public LibvirtImage Resolve(StoragePoolHandle pool, string imageId) =>
        (settings.Images ?? PoolImages(pool, refresh: false)).FirstOrDefault(i => i.Id == imageId)
            ?? throw new DriverException(DriverErrorKind.InvalidRequest, $"unknown image '{imageId}' (not in storage pool '{settings.StoragePool}')");

    private List<LibvirtImage> PoolImages(StoragePoolHandle pool, bool refresh)
    {
        if (refresh)
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

        var volumes = StoragePools.ListAllVolumes(pool);
        try
        {
            return [.. volumes.Select(StorageVolumes.GetName)
                .Where(name => !LibvirtNames.IsInstanceVolume(name))
                .Order(StringComparer.Ordinal)
                .Select(name => new LibvirtImage(
                    LibvirtNames.Sanitize(name), name, $"volume '{name}' of storage pool '{settings.StoragePool}'", "x86_64", name))
                .DistinctBy(i => i.Id)];
        }
        finally
        {
            NativeArrays.DisposeAll(volumes);
        }
    }
}
