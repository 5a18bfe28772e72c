using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Drivers.Mock;

namespace CloudBroker.Api.Tests.Workflow.Faults;

/// <summary>The faults on mock providers (the mock's own fault settings).</summary>
public sealed class MockFaultyProviders : FaultyProviders
{
    public override string AmbiguousFailure => "Timeout";

    /// <summary>Seed 2 throttles the first four creates (MaxAttempts is 3, so attempts were not used up).</summary>
    public override int MinimumThrottledSteps => 3;

    public override JsonObject CreateRequest(string name, string providerId) => InstanceCalls.Request(name, providerId);

    /// <summary>The mock cloud's console powers the machine off (its file is shared with the broker's driver).</summary>
    public override async Task StopBehindTheBrokerAsync(string providerId, string machineId)
    {
        await using var console = MockConsole.Open(DataDirectory, providerId);
        await console.PowerOffAsync(machineId, Xunit.TestContext.Current.CancellationToken);
    }

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        AddMockProvider(settings, "ambiguous");
        settings["CloudBroker:Providers:ambiguous:Faults:Create:FailAfterCreateRate"] = "1";
        AddMockProvider(settings, "stuck");
        settings["CloudBroker:Providers:stuck:Faults:Create:StuckPendingRate"] = "1";
        settings["CloudBroker:Providers:stuck:BuildTimeout"] = "00:00:01";
        AddMockProvider(settings, "throttled");
        settings["CloudBroker:Providers:throttled:Faults:Create:ThrottleRate"] = "0.8";
        settings["CloudBroker:Providers:throttled:Faults:Create:ThrottleRetryAfter"] = "00:00:00.05";
        settings["CloudBroker:Providers:throttled:Seed"] = "2"; // its first four creates are throttled
        AddMockProvider(settings, "drifting");
    }
}
