using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Drivers.Mock;

namespace CloudBroker.Api.Tests.Workflow.Outages;

/// <summary>
/// The API with a mock provider <c>outage</c> that a test cuts off and brings back (<see cref="MockConsole"/>), retrying at
/// the default pace (first retry after 1 s, doubling; <c>MaxAttempts</c> 5), whose five attempts span about 15 s, with
/// backoff capped at 8 s so a provider that is back is found within seconds.
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

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        AddMockProvider(settings, ProviderId);
        settings["CloudBroker:Provisioning:RetryBaseDelay"] = "00:00:01";
        settings["CloudBroker:Provisioning:MaxRetryDelay"] = "00:00:08";
        settings["CloudBroker:Provisioning:MaxAttempts"] = "5";
    }
}
