using CloudBroker.Api.Tests.Infrastructure;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>
/// The embedded broker for webhook and alert tests: the endpoint policy at its defaults plus 127.0.0.1 (where the
/// tests' receivers listen), retries a second apart, rating only when a test runs it, and a mock provider
/// <c>priced</c> whose m1-small costs 3600 USD an hour (one a second), so a few seconds of running cross a budget.
/// </summary>
public sealed class WebhookFactory : ApiFactory
{
    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["CloudBroker:ProviderEndpoints:Allow:0"] = "*";
        settings["CloudBroker:ProviderEndpoints:Allow:1"] = "127.0.0.1";
        settings["CloudBroker:Webhooks:FirstRetryDelay"] = "00:00:01";
        settings["CloudBroker:Webhooks:LongestRetryDelay"] = "00:00:02";
        settings["CloudBroker:Webhooks:MaxAttempts"] = "3";
        settings["CloudBroker:Webhooks:Timeout"] = "00:00:05";
        settings["CloudBroker:Accounting:RatingInterval"] = "01:00:00";
        AddMockProvider(settings, "priced");
        settings["CloudBroker:Providers:priced:Prices:Currency"] = "USD";
        settings["CloudBroker:Providers:priced:Prices:HardwareProfiles:m1-small"] = "3600";
    }
}
