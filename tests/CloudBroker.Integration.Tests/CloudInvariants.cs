using System.Text.Json.Nodes;
using CloudBroker.Drivers;

namespace CloudBroker.Integration.Tests;

/// <summary>
/// What must hold between the broker and the mock cloud once every accepted operation ended: no machine
/// without this installation's tags, no duplicate, no orphan, every running or stopped instance backed by
/// exactly one live machine in that state, nothing stuck, nothing created twice or unasked.
/// </summary>
internal static class CloudInvariants
{
    public static (List<string> Violations, HashSet<string> Concerned) Check(
        string installationId,
        IReadOnlyList<ListedInstance> instances,
        IReadOnlyList<DriverInstance> machines,
        Dictionary<string, JsonObject> outcomes,
        IReadOnlySet<string> askedNames,
        IEnumerable<(string OperationId, string? Name, string InstanceId)> acceptedCreates)
    {
        var violations = new List<string>();
        var concerned = new HashSet<string>();
        var byId = instances.ToDictionary(i => i.Id);

        foreach (var machine in machines)
        {
            if (machine.Tags.GetValueOrDefault(BrokerTags.InstallationId) != installationId || !machine.Tags.ContainsKey(BrokerTags.InstanceId))
            {
                violations.Add($"machine {machine.Id} ({machine.NativeState}) does not carry this installation's tags: {string.Join(", ", machine.Tags)}");
            }
        }

        var tagged = machines.Where(m => m.Tags.ContainsKey(BrokerTags.InstanceId)).ToLookup(m => m.Tags[BrokerTags.InstanceId]);
        foreach (var group in tagged)
        {
            var all = group.ToList();
            var live = all.Where(m => m.State != DriverInstanceState.Terminated).ToList();
            var instance = byId.GetValueOrDefault(group.Key);
            if (all.Count > 1)
            {
                concerned.Add(group.Key);
                violations.Add($"duplicate: instance {group.Key} ({instance?.State ?? "unknown"}) has {all.Count} machines at the mock: " +
                               string.Join(", ", all.Select(m => $"{m.Id} {m.NativeState}")));
            }

            if (live.Count > 0 && instance is not { State: "running" or "stopped" })
            {
                concerned.Add(group.Key);
                violations.Add($"orphan: machine(s) {string.Join(", ", live.Select(m => $"{m.Id} {m.NativeState}"))} live at the mock for instance {group.Key}, " +
                               $"which the API shows {instance?.State ?? "not at all"}");
            }
        }

        foreach (var instance in instances)
        {
            var live = tagged[instance.Id].Where(m => m.State != DriverInstanceState.Terminated).ToList();
            if (instance.State is "running" or "stopped")
            {
                var expected = instance.State == "running" ? DriverInstanceState.Running : DriverInstanceState.Stopped;
                if (live.Count != 1 || live[0].State != expected)
                {
                    concerned.Add(instance.Id);
                    violations.Add($"instance {instance.Id} ({instance.Name}) is {instance.State} but the mock has " +
                                   (live.Count == 0 ? "no live machine for it" : string.Join(", ", live.Select(m => $"{m.Id} {m.NativeState}"))));
                }
            }
            else if (instance.State is not ("error" or "terminated"))
            {
                concerned.Add(instance.Id);
                violations.Add($"stuck: instance {instance.Id} ({instance.Name}) is still {instance.State} although every operation ended");
            }
        }

        // No double create: every name the workload created exists once, and nothing exists that it did not create.
        foreach (var group in instances.GroupBy(i => i.Name).Where(g => g.Count() > 1))
        {
            concerned.UnionWith(group.Select(i => i.Id));
            violations.Add($"double create: {group.Count()} instances named {group.Key}: {string.Join(", ", group.Select(i => $"{i.Id} {i.State}"))}");
        }

        foreach (var instance in instances.Where(i => !askedNames.Contains(i.Name)))
        {
            violations.Add($"instance {instance.Id} ({instance.Name}) was never asked for");
        }

        foreach (var create in acceptedCreates.Where(a => !byId.ContainsKey(a.InstanceId)))
        {
            violations.Add($"accepted create {create.OperationId} ({create.Name}) has no instance {create.InstanceId}");
        }

        foreach (var operation in outcomes.Values.Where(o => !byId.ContainsKey((string)o["targetId"]!)))
        {
            violations.Add($"operation {operation["id"]} targets unknown instance {operation["targetId"]}");
        }

        return (violations, concerned);
    }
}
