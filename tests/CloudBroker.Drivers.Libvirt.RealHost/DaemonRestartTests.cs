using System.Collections.Concurrent;
using System.Diagnostics;

namespace CloudBroker.Drivers.Libvirt.RealHost;

/// <summary>
/// libvirtd killed (SIGKILL) while a create copies the instance's disk, then started again: the create fails as a
/// transient error whose libvirt call's span carries the error, the retry the core makes (same spec) reuses what was made
/// and completes, and destroy leaves no domain and no file behind.
/// </summary>
public sealed class DaemonRestartTests
{
    private const string Base = "base-512m.raw";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_create_cut_by_a_killed_daemon_completes_on_retry_and_destroy_leaves_nothing()
    {
        if (!LaneHost.PoolFiles().Contains(Base))
        {
            LaneHost.Virsh("vol-create-as", LaneHost.Pool, Base, "512M", "--format", "raw");
        }

        await using var driver = LaneHost.Open(
            ("Images:big:Volume", Base), ("Images:big:Kernel", LaneHost.Required("CB_LIBVIRT_LANE_KERNEL")),
            ("Images:big:Initrd", LaneHost.Required("CB_LIBVIRT_LANE_INITRD")), ("Images:big:Cmdline", "console=ttyS0 quiet"));
        var spec = LaneHost.Spec("big");
        var volume = LibvirtNames.ForVolume(Guid.Parse(spec.InstanceId), LaneHost.ProviderId, LaneHost.InstallationId);

        var ended = new ConcurrentQueue<Activity>();
        using var spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LibvirtTelemetry.Name,
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = ended.Enqueue,
        };
        ActivitySource.AddActivityListener(spans);

        var create = driver.CreateInstanceAsync(spec, Ct);
        var clock = Stopwatch.StartNew();
        while (!LaneHost.PoolFiles().Contains(volume) && !create.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(5, Ct);
        }

        Assert.False(create.IsCompleted, "the create finished before its disk appeared");
        Kill();
        var cut = await Assert.ThrowsAsync<DriverException>(() => create);
        Assert.True(cut.IsTransient, $"{cut.Kind}: {cut.Message}");
        var failed = ended.Where(s => s.Status == ActivityStatusCode.Error).MinBy(s => s.StartTimeUtc);
        Assert.NotNull(failed); // the call the kill cut (the disk's clone, as a rule)
        Assert.Contains(failed.DisplayName, cut.Message, StringComparison.Ordinal);
        Assert.Equal(cut.Kind.ToString().ToLowerInvariant(), failed.GetTagItem("error.type"));
        Assert.NotNull(failed.GetTagItem("libvirt.error.code"));
        Restart();

        var made = await RetryAsync(() => driver.CreateInstanceAsync(spec with { IdempotencyToken = "the-core-retries" }, Ct));

        Assert.Equal(spec.InstanceId, made.Id);
        Assert.Single(LaneHost.Virsh("list", "--all", "--uuid").Split('\n', StringSplitOptions.RemoveEmptyEntries), u => u.Trim() == spec.InstanceId);
        Assert.Contains(volume, LaneHost.PoolFiles());
        await driver.DestroyInstanceAsync(made.Id, Ct);
        Assert.DoesNotContain(LaneHost.PoolFiles(), f => f.Contains(spec.InstanceId, StringComparison.Ordinal));
        Assert.DoesNotContain(spec.InstanceId, LaneHost.Virsh("list", "--all", "--uuid"), StringComparison.Ordinal);
    }

    private static void Kill()
    {
        var pid = int.Parse(File.ReadAllText(LaneHost.Required("CB_LIBVIRT_LANE_PIDFILE")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using var daemon = Process.GetProcessById(pid);
        daemon.Kill();
        daemon.WaitForExit();
    }

    private static void Restart()
    {
        LaneHost.Shell(LaneHost.Required("CB_LIBVIRT_LANE_RESTART"));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                LaneHost.Virsh("pool-info", LaneHost.Pool);
                return;
            }
            catch (Exception) when (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(200);
            }
        }
    }

    /// <summary>Retries while the failure is transient (the driver reopens its connection), as the core does.</summary>
    private static async Task<DriverInstance> RetryAsync(Func<Task<DriverInstance>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (DriverException ex) when (ex.IsTransient && attempt < 20)
            {
                await Task.Delay(500, Ct);
            }
        }
    }
}
