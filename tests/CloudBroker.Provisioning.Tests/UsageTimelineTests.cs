using CloudBroker.Accounting.Metering;
using CloudBroker.Provisioning.History;
using CloudBroker.Provisioning.Instances;

namespace CloudBroker.Provisioning.Tests;

/// <summary>
/// The edges of the state graph the mock cloud does not easily walk (a stop or destroy that fails, a machine found
/// again after an error), as usage: which meters run over which stretch of the history.
/// </summary>
public sealed class UsageTimelineTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    // A create that fails: nothing.
    [InlineData("pending>error", "", "")]
    // A stop that fails keeps compute running (one stretch); the stop that lands ends it; the disk stays.
    [InlineData("pending>running running>stopping stopping>running running>stopping stopping>stopped", "1-5", "1-")]
    // A destroy that fails ends compute at the error; the disk is still there.
    [InlineData("pending>running running>terminating terminating>error", "1-3", "1-")]
    // A machine the reconciler finds running after an error: compute and disk from then on.
    [InlineData("pending>error error>running", "2-", "2-")]
    // Found stopped after an error: the disk counts from then, compute never ran.
    [InlineData("pending>error error>stopped stopped>pending pending>running running>vanished", "4-5", "2-5")]
    // Destroying a stopped machine: compute ended at the stop, the disk at the destroy.
    [InlineData("pending>running running>stopping stopping>stopped stopped>terminating terminating>terminated", "1-3", "1-5")]
    // A machine gone at the provider, then destroyed in the broker: everything ended when it vanished.
    [InlineData("pending>running running>vanished vanished>terminated", "1-2", "1-2")]
    public void Meters_run_over_the_states_that_drive_them(string moves, string compute, string storage)
    {
        var instance = Instance();
        var history = History(instance, moves);
        var intervals = UsageTimeline.Of(instance, history);

        Assert.All(new[] { Meters.InstanceHours, Meters.VcpuHours, Meters.MemoryGibHours },
            meter => Assert.Equal(Stretches(compute), Describe(intervals, meter)));
        Assert.Equal(Stretches(storage), Describe(intervals, Meters.StorageGibHours));
        Assert.Equal(intervals.Select(u => u.Id), UsageTimeline.Of(instance, history).Select(u => u.Id)); // the same ids every time
    }

    [Fact]
    public void A_tag_change_ends_every_open_interval_and_opens_the_next_with_the_new_tags()
    {
        var instance = Instance();
        // Move 2 is the tag change (the state stays running), between the boot and the stop.
        var history = History(instance, "pending>running running>running running>stopping stopping>stopped");
        history[2] = Event(instance, 2, "running", "running", tags: """{"team":"api"}""");
        var intervals = UsageTimeline.Of(instance, history);

        Assert.Equal(["{}", """{"team":"api"}"""], intervals.Where(u => u.Meter == Meters.InstanceHours).Select(u => u.Tags));
        Assert.Equal(
            [(T0.AddMinutes(1), (DateTime?)T0.AddMinutes(2)), (T0.AddMinutes(2), T0.AddMinutes(4))],
            intervals.Where(u => u.Meter == Meters.InstanceHours).Select(u => (u.Start, u.End)));
        Assert.Equal(2, intervals.Count(u => u.Meter == Meters.StorageGibHours)); // the disk splits too, and stays open
        Assert.Null(intervals.Last(u => u.Meter == Meters.StorageGibHours).End);
    }

    /// <summary>"a-b" stretches from move a to move b (1-based; open when b is missing), space-separated.</summary>
    private static (DateTime, DateTime?)[] Stretches(string spec) =>
        [.. spec.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Split('-')).Select(p =>
            (T0.AddMinutes(int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture)),
             p[1].Length == 0 ? (DateTime?)null : T0.AddMinutes(int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))))];

    private static (DateTime, DateTime?)[] Describe(List<UsageInterval> intervals, string meter) =>
        [.. intervals.Where(u => u.Meter == meter).OrderBy(u => u.Start).Select(u => (u.Start, u.End))];

    /// <summary>The create at minute 0, then move n at minute n (id n).</summary>
    private static List<InstanceEvent> History(Instance instance, string moves) =>
        [Event(instance, 0, null, "pending", "{}"), .. moves.Split(' ').Select((m, i) => Event(instance, i + 1, m.Split('>')[0], m.Split('>')[1]))];

    private static InstanceEvent Event(Instance instance, int minute, string? from, string to, string? tags = null) => new()
    {
        Id = minute,
        InstanceId = instance.Id,
        Subject = InstanceEvent.InstanceSubject,
        From = from,
        To = to,
        Cause = "test",
        At = T0.AddMinutes(minute),
        TenantId = instance.TenantId,
        Tags = tags,
    };

    private static Instance Instance() => new()
    {
        Id = "i-1",
        Name = "metered",
        ProviderId = "mock",
        ImageId = "debian-12",
        HardwareProfileId = "m1-small",
        Cpu = 2,
        MemoryMiB = 1536,
        StorageGiB = 20,
        TenantId = "t",
        OwnerId = "o",
        GroupId = "g",
    };
}
