using System.Text.Json.Nodes;

namespace CloudBroker.Integration.Tests;

/// <summary>
/// Turns the scenario's dice into requests: a create with a unique name, or an action that fits the
/// instance's state. Every request gets its own Idempotency-Key, derived from the seed, round and index.
/// </summary>
internal sealed class RequestPlanner(int seed, string providerId, Random random)
{
    /// <summary>Every name a create was planned for: nothing else may appear at the broker.</summary>
    public HashSet<string> Names { get; } = [];

    public static ListedInstance Take(List<ListedInstance> candidates)
    {
        var instance = candidates[0];
        candidates.RemoveAt(0);
        return instance;
    }

    public PlannedRequest Create(int round, int index)
    {
        var name = $"kill-r{round:00}-{index:00}";
        Names.Add(name);
        var body = new JsonObject
        {
            ["name"] = name,
            ["providerId"] = providerId,
            ["imageId"] = "debian-12",
            ["hardwareProfileId"] = "m1-small",
        }.ToJsonString();
        return new PlannedRequest(round, Key(round, index), "create", "POST", "/api/instances", body, name, null);
    }

    public PlannedRequest Action(int round, int index, ListedInstance instance)
    {
        var roll = random.NextDouble();
        var action = instance.State == "running"
            ? roll < 0.45 ? "stop" : roll < 0.6 ? "reboot" : "destroy"
            : roll < 0.6 ? "start" : "destroy";
        return action == "destroy"
            ? new PlannedRequest(round, Key(round, index), action, "DELETE", "/api/instances/" + instance.Id, null, instance.Name, instance.Id)
            : new PlannedRequest(round, Key(round, index), action, "POST", $"/api/instances/{instance.Id}/{action}", null, instance.Name, instance.Id);
    }

    private string Key(int round, int index) => $"kill-{seed}-r{round}-{index}";
}
