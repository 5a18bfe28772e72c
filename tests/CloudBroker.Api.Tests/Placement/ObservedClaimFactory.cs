using CloudBroker.Api.Tests.Infrastructure;

namespace CloudBroker.Api.Tests.Placement;

/// <summary>
/// Mock providers whose machines the broker finds rather than places, each holding two vCPUs in eu-1a: <c>observed</c>
/// (orphans adopted) and <c>erring</c> (every stop fails as unreachable; with actions given two seconds, the instance
/// ends in error while its machine runs on).
/// </summary>
public sealed class ObservedClaimFactory : ApiFactory
{
    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["CloudBroker:Provisioning:ActionTimeout"] = "00:00:02";
        AddMockProvider(settings, "observed");
        settings["CloudBroker:Providers:observed:OrphanPolicy"] = "adopt";
        PlacementFactory.Capacity(settings, "observed", "eu-1a", 2, 65536, 1000);
        AddMockProvider(settings, "erring");
        settings["CloudBroker:Providers:erring:Faults:Stop:FailureRate"] = "1";
        PlacementFactory.Capacity(settings, "erring", "eu-1a", 2, 65536, 1000);
    }
}
