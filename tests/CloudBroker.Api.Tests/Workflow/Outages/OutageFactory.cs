using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Drivers.Mock;

namespace CloudBroker.Api.Tests.Workflow.Outages;

/// <summary>
/// The API with a mock provider <c>outage</c> that a test cuts off and brings back (<see cref="MockConsole"/>), retrying at
/// the default pace (first retry after 1 s, doubling; <c>MaxAttempts</c> 5), whose five attempts span 15 s (±20%), with
/// backoff capped at 8 s so a provider that is back is found within seconds. Its health is watched closely: a probe or a
/// fold every half second, the circuit open after three unreachable calls in a row, a trial a second after it opened.
/// </summary>
public class OutageFactory : ApiFactory
{
    public const string ProviderId = "outage";

    /// <summary>Cuts the provider off for <paramref name="duration"/>: every call fails as unreachable.</summary>
    public async Task CutOffAsync(TimeSpan duration)
    {
        await using var console = MockConsole.Open(DataDirectory, ProviderId);
        await console.CutOffAsync(duration, Xunit.TestContext.Current.CancellationToken);
    }

    public async Task RestoreAsync()
    {
        await using var console = MockConsole.Open(DataDirectory, ProviderId);
        await console.RestoreAsync(Xunit.TestContext.Current.CancellationToken);
    }

    /// <summary>Polls the public entry point until the provider's status is <paramref name="status"/>; returns how long it took.</summary>
    public async Task<TimeSpan> WaitForStatusAsync(string status, TimeSpan limit)
    {
        using var anonymous = CreateClient();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var response = await anonymous.GetAsync("/api", Xunit.TestContext.Current.CancellationToken);
            var root = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken))!;
            var provider = root["providers"]!.AsArray().Single(p => (string?)p!["id"] == ProviderId)!;
            if ((string?)provider["status"] == status)
            {
                return clock.Elapsed;
            }

            Xunit.Assert.True(clock.Elapsed < limit, $"provider '{ProviderId}' is still {provider["status"]} after {limit}");
            await Task.Delay(100, Xunit.TestContext.Current.CancellationToken);
        }
    }

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        AddMockProvider(settings, ProviderId);
        settings["CloudBroker:Provisioning:RetryBaseDelay"] = "00:00:01";
        settings["CloudBroker:Provisioning:MaxRetryDelay"] = "00:00:08";
        settings["CloudBroker:Provisioning:MaxAttempts"] = "5";
        settings["CloudBroker:ProviderHealth:ProbeInterval"] = "00:00:00.5";
        settings["CloudBroker:ProviderHealth:ProbeTimeout"] = "00:00:02";
        settings["CloudBroker:ProviderHealth:FailureThreshold"] = "3";
        settings["CloudBroker:ProviderHealth:OpenFor"] = "00:00:01";
    }
}
