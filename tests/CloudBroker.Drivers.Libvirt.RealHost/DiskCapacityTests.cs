using System.Diagnostics;
using System.Text.Json;

namespace CloudBroker.Drivers.Libvirt.RealHost;

/// <summary>
/// A disk cloned from an image has the capacity the create asked for (libvirt's clone keeps the source's; the driver
/// grows it), as qemu-img reads the file; an image larger than the size asked is refused and leaves nothing.
/// </summary>
public sealed class DiskCapacityTests : IAsyncLifetime
{
    private const string Small = "base-64m.qcow2";
    private const string Large = "base-1536m.qcow2";
    private LibvirtDriver? _driver;

    private LibvirtDriver Driver => _driver!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        foreach (var (name, size) in new[] { (Small, "64M"), (Large, "1536M") })
        {
            if (!LaneHost.PoolFiles().Contains(name))
            {
                LaneHost.Virsh("vol-create-as", LaneHost.Pool, name, size, "--format", "qcow2");
            }
        }

        _driver = LaneHost.Open(("Images:small:Volume", Small), ("Images:large:Volume", Large));
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_disk_cloned_from_a_64_MiB_image_has_the_10_GiB_asked()
    {
        var created = await Driver.CreateInstanceAsync(LaneHost.Spec("small", storageGiB: 10), Ct);

        var file = Path.Combine(LaneHost.Folder, "pool", LibvirtNames.ForVolume(Guid.Parse(created.Id), LaneHost.ProviderId, LaneHost.InstallationId));
        Assert.Equal(10L << 30, VirtualSize(file));
        await Driver.DestroyInstanceAsync(created.Id, Ct);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Images_say_the_smallest_disk_they_fit_on_and_a_smaller_one_is_refused_leaving_nothing()
    {
        var images = await Driver.ListImagesAsync(Ct);
        Assert.Equal(1, images.Single(i => i.Id == "small").MinStorageGiB);
        Assert.Equal(2, images.Single(i => i.Id == "large").MinStorageGiB);
        var before = LaneHost.PoolFiles();

        var refused = await Assert.ThrowsAsync<DriverException>(() => Driver.CreateInstanceAsync(LaneHost.Spec("large", storageGiB: 1), Ct));

        Assert.Equal(DriverErrorKind.InvalidRequest, refused.Kind);
        Assert.Contains("at least 2 GiB", refused.Message);
        Assert.Equal(before, LaneHost.PoolFiles());
    }

    /// <summary>The disk's size as QEMU sees it.</summary>
    private static long VirtualSize(string file)
    {
        var start = new ProcessStartInfo("qemu-img", ["info", "--force-share", "--output=json", file]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var json = JsonDocument.Parse(process.StandardOutput.ReadToEnd());
        process.WaitForExit();
        return json.RootElement.GetProperty("virtual-size").GetInt64();
    }

    public async ValueTask DisposeAsync() => await Driver.DisposeAsync();
}
