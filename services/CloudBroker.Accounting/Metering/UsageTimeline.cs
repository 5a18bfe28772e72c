using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CloudBroker.Provisioning.History;
using CloudBroker.Provisioning.Instances;

namespace CloudBroker.Accounting.Metering;

/// <summary>
/// An instance's usage intervals as a pure function of its history (its <c>instance</c> events in id order, which for
/// one instance is the order they happened: each move changes the instance's version, so two writers of one instance
/// never both commit). Compute runs from entering <c>running</c> (rebooting, stopping and terminating keep what was
/// running, until the stop or destroy lands) until <c>stopped</c>, <c>error</c>, <c>terminated</c> or
/// <c>vanished</c>. Storage runs from the first state in which the provider demonstrably holds the machine —
/// <c>running</c> or <c>stopped</c> — until <c>terminated</c> or <c>vanished</c>, so a create that fails before the
/// machine ever ran meters nothing. A change of tags ends every open interval and opens the next with the new tags.
/// </summary>
public static class UsageTimeline
{
    private static readonly string Running = Lower(InstanceState.Running);

    private static readonly HashSet<string> StopsCompute = [Lower(InstanceState.Stopped), Lower(InstanceState.Error), Lower(InstanceState.Terminated), Lower(InstanceState.Vanished)];

    private static readonly HashSet<string> StartsStorage = [Lower(InstanceState.Running), Lower(InstanceState.Stopped)];

    private static readonly HashSet<string> StopsStorage = [Lower(InstanceState.Terminated), Lower(InstanceState.Vanished)];

    public static List<UsageInterval> Of(Instance instance, IEnumerable<InstanceEvent> history)
    {
        var intervals = new List<UsageInterval>();
        var open = new List<UsageInterval>();
        var tags = "{}";
        bool compute = false, storage = false;
        foreach (var e in history.Where(e => e.Subject == InstanceEvent.InstanceSubject).OrderBy(e => e.Id))
        {
            if (e.Tags is { } newTags && newTags != tags)
            {
                tags = newTags;
                Close(open, e, _ => true);
                OpenInto(open, intervals, Open(instance, e, tags, compute, storage));
            }

            var startCompute = !compute && e.To == Running;
            var stopCompute = compute && StopsCompute.Contains(e.To);
            var startStorage = !storage && StartsStorage.Contains(e.To);
            var stopStorage = storage && StopsStorage.Contains(e.To);
            if (stopCompute || stopStorage)
            {
                Close(open, e, u => (stopCompute && u.Meter != Meters.StorageGibHours) || (stopStorage && u.Meter == Meters.StorageGibHours));
            }

            OpenInto(open, intervals, Open(instance, e, tags, startCompute, startStorage));
            compute = (compute || startCompute) && !stopCompute;
            storage = (storage || startStorage) && !stopStorage;
        }

        return intervals;
    }

    /// <summary>Deterministic: the same instance, meter and opening event give the same id in any process, at any time.</summary>
    public static string IntervalId(string instanceId, string meter, long startEventId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{instanceId}/{meter}/{startEventId}")));
        return "u-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private static IEnumerable<UsageInterval> Open(Instance instance, InstanceEvent at, string tags, bool compute, bool storage)
    {
        if (compute)
        {
            yield return Interval(instance, at, tags, Meters.InstanceHours, 1);
            yield return Interval(instance, at, tags, Meters.VcpuHours, instance.Cpu);
            yield return Interval(instance, at, tags, Meters.MemoryGibHours, instance.MemoryMiB / 1024m);
        }

        if (storage && instance.StorageGiB > 0)
        {
            yield return Interval(instance, at, tags, Meters.StorageGibHours, instance.StorageGiB);
        }
    }

    private static UsageInterval Interval(Instance instance, InstanceEvent at, string tags, string meter, decimal quantity) => new()
    {
        Id = IntervalId(instance.Id, meter, at.Id),
        InstanceId = instance.Id,
        Meter = meter,
        Quantity = quantity,
        Start = at.At,
        StartEventId = at.Id,
        TenantId = instance.TenantId,
        GroupId = instance.GroupId,
        OwnerId = instance.OwnerId,
        ProviderId = instance.ProviderId,
        RealmId = instance.RealmId,
        HardwareProfileId = instance.HardwareProfileId,
        Tags = tags,
    };

    private static void OpenInto(List<UsageInterval> open, List<UsageInterval> intervals, IEnumerable<UsageInterval> opened)
    {
        foreach (var interval in opened)
        {
            open.Add(interval);
            intervals.Add(interval);
        }
    }

    private static void Close(List<UsageInterval> open, InstanceEvent at, Func<UsageInterval, bool> which)
    {
        foreach (var interval in open.Where(which).ToArray())
        {
            interval.End = at.At;
            interval.EndEventId = at.Id;
            open.Remove(interval);
        }
    }

    private static string Lower(InstanceState state) => state.ToString().ToLowerInvariant();
}
