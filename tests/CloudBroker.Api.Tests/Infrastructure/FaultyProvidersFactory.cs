namespace CloudBroker.Api.Tests.Infrastructure;

/// <summary>
/// Mock providers with one fault each: <c>ambiguous</c> (every create makes the machine, then times out),
/// <c>stuck</c> (machines never leave pending; 1 s build timeout), <c>throttled</c> (creates are often throttled).
/// </summary>
public sealed class FaultyProvidersFactory : ApiFactory
{
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
    }
}
