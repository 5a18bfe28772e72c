using System.Diagnostics;
using System.Text.Json.Nodes;

namespace CloudBroker.Integration.Tests;

/// <summary>
/// The mock cloud against the API once every accepted operation ended (<see cref="CloudInvariants"/>). Compensation of a
/// failed create runs after the create's operation ends, so this waits a little for the two to agree.
/// </summary>
internal static class CloudCheck
{
    public static async Task<(IReadOnlyList<ListedInstance> Instances, IReadOnlyList<CloudBroker.Drivers.DriverInstance> Machines)> AgreeAsync(
        HttpClient client,
        string dataDirectory,
        IReadOnlyDictionary<string, string?> mockReaderSettings,
        string installationId,
        Dictionary<string, JsonObject> outcomes,
        RequestPlanner planner,
        AcceptedWork work,
        TimeSpan settleTimeout,
        ScenarioLog log,
        ScenarioFailure failure,
        CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var instances = await BrokerCalls.ListInstancesAsync(client, cancellationToken);
            var machines = await BrokerData.MockMachinesAsync(dataDirectory, MockCloudSettings.ProviderId, mockReaderSettings, installationId, cancellationToken);
            var (violations, concerned) = CloudInvariants.Check(installationId, instances, machines, outcomes, planner.Names,
                work.Accepted.Where(a => a.Kind == "create").Select(a => (a.OperationId, a.Name, a.InstanceId)));
            if (violations.Count == 0)
            {
                log.Say($"cloud check: {instances.Count} instance(s) ({Count(instances.Select(i => i.State))}); {machines.Count} machine(s) at the mock " +
                        $"({Count(machines.Select(m => m.State.ToString().ToLowerInvariant()))}); {work.Refused.Count} refusal(s)");
                foreach (var refusal in work.Refused.Take(5))
                {
                    log.Say("    refused: " + refusal);
                }

                return (instances, machines);
            }

            if (watch.Elapsed > settleTimeout)
            {
                throw failure.Build($"the mock cloud disagrees with the broker {settleTimeout.TotalSeconds:0} s after every operation ended:\n  " +
                                    string.Join("\n  ", violations.Take(30)), concerned);
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    public static string Count(IEnumerable<string> values) =>
        string.Join(", ", values.GroupBy(v => v).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
}
