using Microsoft.AspNetCore.Hosting;

namespace CloudBroker.Api.Tests.Infrastructure;

/// <summary>
/// The API with providers for the reconciler: <c>adopting</c> (orphan policy adopt; terminated machines
/// disappear from its list at once), <c>destroying</c> (policy destroy), <c>slow</c> (every call takes
/// half a second) and <c>odd</c> (a policy that does not exist), beside the usual <c>mock</c> (policy report).
/// Scheduled runs are off, so each test decides when a run happens; stuck operations get no grace.
/// </summary>
public class ReconcilerFactory : ApiFactory
{
    public const string OtherInstallationId = "0d6f1c1e-other-installation";

    /// <summary>The schedule; off unless a derived fixture turns it on.</summary>
    protected virtual TimeSpan Interval => TimeSpan.Zero;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var settings = new Dictionary<string, string?>
        {
            ["CloudBroker:Reconciler:Interval"] = Interval.ToString(),
            ["CloudBroker:Reconciler:StuckGrace"] = "00:00:00",
            ["CloudBroker:Providers:adopting:OrphanPolicy"] = "adopt",
            ["CloudBroker:Providers:adopting:TerminatedRetention"] = "00:00:00",
            ["CloudBroker:Providers:destroying:OrphanPolicy"] = "destroy",
            ["CloudBroker:Providers:slow:Latency"] = "00:00:00.5",
            ["CloudBroker:Providers:odd:OrphanPolicy"] = "sometimes",
        };
        foreach (var provider in new[] { "adopting", "destroying", "slow", "odd" })
        {
            settings[$"CloudBroker:Providers:{provider}:Driver"] = "mock";
            settings[$"CloudBroker:Providers:{provider}:BootDelay"] = "00:00:00";
            settings[$"CloudBroker:Providers:{provider}:DestroyDelay"] = "00:00:00";
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
