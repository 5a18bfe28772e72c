using CloudBroker.Accounting.Rating;
using CloudBroker.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CloudBroker.Api.Tests.Quotas;

/// <summary>
/// Mock providers for quota tests: <c>priced</c> (m1-small costs 2.50 USD an hour), <c>stuck</c> (creates never
/// finish: their reservations stay reserved), <c>slow</c> (machines take 3 s to boot). The reservation sweeper and the
/// rating run (which sets budgets from rated cost) run only when a test calls them; metering runs every second.
/// </summary>
public sealed class QuotaFactory : ApiFactory
{
    public const decimal PricedHourly = 2.50m;

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        AddMockProvider(settings, "priced");
        settings["CloudBroker:Providers:priced:Prices:Currency"] = "USD";
        settings["CloudBroker:Providers:priced:Prices:HardwareProfiles:m1-small"] = "2.50";
        settings["CloudBroker:Providers:priced:Prices:CpuHour"] = "0.04";
        AddMockProvider(settings, "stuck");
        settings["CloudBroker:Providers:stuck:Faults:Create:StuckPendingRate"] = "1";
        settings["CloudBroker:Providers:stuck:BuildTimeout"] = "01:00:00";
        AddMockProvider(settings, "slow");
        settings["CloudBroker:Providers:slow:BootDelay"] = "00:00:03";
        settings["CloudBroker:Quotas:SweepInterval"] = "01:00:00";
        settings["CloudBroker:Accounting:Metering:Interval"] = "00:00:01";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            foreach (var worker in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(RatingWorker)).ToList())
            {
                services.Remove(worker);
            }
        });
    }
}
