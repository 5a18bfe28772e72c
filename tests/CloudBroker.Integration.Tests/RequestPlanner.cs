using System.Text.Json.Nodes;

namespace CloudBroker.Integration.Tests;

/// <summary>
/// Turns the scenario's dice into requests: a create with a unique name, or an action that fits the
/// instance's state. Every request gets its own Idempotency-Key, derived from the prefix, seed, round and index.
/// </summary>
internal sealed class RequestPlanner(int seed, string providerId, Random random, string prefix = "kill")
{
    /// <summary>Every name a create was planned for: nothing else may appear at the broker.</summary>
    public HashSet<string> Names { get; } = [];

    /// <summary>
    /// <paramref name="count"/> requests spread over <paramref name="clients"/> clients, each after a short pause: an action on
    /// one of <paramref name="instances"/> that is running or stopped (each at most once) or a create.
    /// </summary>
    public List<(TimeSpan Pause, PlannedRequest Request)>[] Burst(int round, IReadOnlyList<ListedInstance> instances, int count, int clients, double actionShare = 0.45)
    {
        var candidates = instances.Where(i => i.State is "running" or "stopped").OrderBy(i => i.Id, StringComparer.Ordinal).ToList();
        var plans = Enumerable.Range(0, clients).Select(_ => new List<(TimeSpan Pause, PlannedRequest Request)>()).ToArray();
        for (var i = 0; i < count; i++)
        {
            PlannedRequest request;
            if (candidates.Count > 0 && random.NextDouble() < actionShare)
            {
                request = Action(round, i, candidates[0]);
                candidates.RemoveAt(0);
            }
            else
            {
                request = Create(round, i);
            }

            plans[i % clients].Add((TimeSpan.FromMilliseconds(random.Next(10, 200)), request));
        }

        return plans;
    }

    public PlannedRequest Create(int round, int index)
    {
        var name = $"{prefix}-r{round:00}-{index:00}";
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

    private string Key(int round, int index) => $"{prefix}-{seed}-r{round}-{index}";
}
