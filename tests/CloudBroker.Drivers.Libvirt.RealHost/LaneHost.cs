using System.Diagnostics;
using CloudBroker.Drivers.Libvirt.Interop;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBroker.Drivers.Libvirt.RealHost;

/// <summary>
/// The lane's libvirtd (tests/lanes/libvirt.sh): its URI, pool and network, the test guest, and drivers on it. The guest
/// is a Debian kernel with a busybox initramfs; image <c>coop</c> powers off on the ACPI power button, <c>deaf</c>
/// ignores it. Each boot appends <c>boot;</c> to the first sector of its disk and each ACPI power-off <c>acpi;</c>,
/// so the disk tells how the guest went down. Empty disks are raw, so that sector is read straight from the pool's file.
/// </summary>
internal static class LaneHost
{
    public const string ProviderId = "lane";
    public const string InstallationId = "lane-installation";
    public const string Realm = "lane";

    public static string Uri => Required("CB_LIBVIRT_LANE_URI");

    public static string Folder => Required("CB_LIBVIRT_LANE_DIR");

    public static string Pool => Required("CB_LIBVIRT_LANE_POOL");

    private static string PoolFolder => Path.Combine(Folder, "pool");

    /// <summary>A driver on the lane's daemon with <paramref name="settings"/> added (later keys win).</summary>
    public static LibvirtDriver Open(params (string Key, string Value)[] settings)
    {
        var kernel = Required("CB_LIBVIRT_LANE_KERNEL");
        var initrd = Required("CB_LIBVIRT_LANE_INITRD");
        (string, string)[] all =
        [
            ("Uris:0:Uri", Uri), ("Uris:0:Realm", Realm), ("DomainType", "qemu"), ("StoragePool", Pool),
            ("Network", Required("CB_LIBVIRT_LANE_NETWORK")), ("VolumeFormat", "raw"), ("StopGracePeriod", "00:00:30"),
            ("Images:coop:Kernel", kernel), ("Images:coop:Initrd", initrd), ("Images:coop:Cmdline", "console=ttyS0 quiet"),
            ("Images:deaf:Kernel", kernel), ("Images:deaf:Initrd", initrd), ("Images:deaf:Cmdline", "console=ttyS0 quiet cb.acpi=ignore"),
            ("HardwareProfiles:tiny:Cpu", "1"), ("HardwareProfiles:tiny:MemoryMiB", "256"), ("HardwareProfiles:tiny:StorageGiB", "1..20 default 1"),
            .. settings,
        ];
        var latest = new Dictionary<string, string?>();
        foreach (var (key, value) in all)
        {
            latest[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(latest).Build();
        return LibvirtDriverFactory.Open(
            new ProviderContext(ProviderId, configuration, Path.GetTempPath(), InstallationId, TimeProvider.System, NullLoggerFactory.Instance),
            Connections.IsAlive);
    }

    public static InstanceSpec Spec(string imageId, int storageGiB = 1)
    {
        var id = Guid.CreateVersion7().ToString();
        return new InstanceSpec(
            $"lane-{Guid.NewGuid():N}", id, "lane-" + id[..8], imageId, "tiny", null, 1, 256, storageGiB, null, null,
            new Dictionary<string, string>
            {
                [BrokerTags.InstallationId] = InstallationId, [BrokerTags.ProviderId] = ProviderId, [BrokerTags.InstanceId] = id,
            });
    }

    /// <summary>What the guest wrote into the first sector of its disk (<c>boot;</c>, <c>acpi;</c>, ...).</summary>
    public static string DiskNotes(string instanceId)
    {
        var path = Path.Combine(PoolFolder, LibvirtNames.ForVolume(Guid.Parse(instanceId), ProviderId, InstallationId));
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var sector = new byte[512];
        var read = file.Read(sector);
        return System.Text.Encoding.ASCII.GetString(sector, 0, read).TrimEnd('\0');
    }

    /// <summary>Waits until the guest's disk notes are <paramref name="expected"/>; fails with what they are after <paramref name="within"/>.</summary>
    public static async Task WaitForNotesAsync(string instanceId, string expected, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (DiskNotes(instanceId) != expected)
        {
            Assert.True(clock.Elapsed < within, $"the guest's disk says '{DiskNotes(instanceId)}' after {within}, not '{expected}'");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Polls the driver until the instance reads <paramref name="state"/>; returns how long it took.</summary>
    public static async Task<TimeSpan> WaitForStateAsync(ICloudDriver driver, string instanceId, DriverInstanceState state, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        var seen = "nothing";
        while (clock.Elapsed < within)
        {
            try
            {
                var instance = await driver.GetInstanceAsync(instanceId, TestContext.Current.CancellationToken);
                if (instance?.State == state)
                {
                    return clock.Elapsed;
                }

                seen = instance is null ? "gone" : $"{instance.State} ({instance.NativeState})";
            }
            catch (DriverException ex) when (ex.IsTransient)
            {
                seen = $"{ex.Kind}: {ex.Message}";
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"instance {instanceId} did not become {state} within {within}; last seen {seen}");
        return within;
    }

    /// <summary>Names of the files in the pool's folder (every volume, the broker's or not).</summary>
    public static string[] PoolFiles() => [.. Directory.GetFiles(PoolFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    /// <summary>Runs virsh against the lane's daemon, behind the driver's back.</summary>
    public static string Virsh(params string[] arguments)
    {
        var start = new ProcessStartInfo("virsh") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Uri);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"virsh {string.Join(' ', arguments)}: {error}");
        return output;
    }

    /// <summary>Runs a shell command (the lane's daemon restart), failing on a non-zero exit.</summary>
    public static void Shell(string command)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command}: {error}");
    }

    public static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: these tests run in tests/lanes/libvirt.sh, which starts the libvirtd they use");
}
