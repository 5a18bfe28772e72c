using CloudBroker.Api.Tests.Infrastructure;

namespace CloudBroker.Api.Tests.Placement;

/// <summary>
/// Mock providers for pool tests, each used by one test: <c>roomy</c> and <c>tight</c> say what their realms hold
/// (<c>Capacity:&lt;realm&gt;</c>), <c>guarded</c> and <c>declared</c> cannot say it. The inventory refresher reads them at start.
/// </summary>
public sealed class PlacementFactory : ApiFactory
{
    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        AddMockProvider(settings, "roomy");
        Capacity(settings, "roomy", "eu-1a", 8, 16384, 200);
        Capacity(settings, "roomy", "eu-1b", 4, 8192, 100);
        AddMockProvider(settings, "tight");
        Capacity(settings, "tight", "eu-1a", 4, 65536, 1000);
        Capacity(settings, "tight", "eu-1b", 2, 65536, 1000);
        AddMockProvider(settings, "guarded");
        AddMockProvider(settings, "declared");
    }

    /// <summary>What the mock provider says <paramref name="realm"/> holds.</summary>
    internal static void Capacity(Dictionary<string, string?> settings, string provider, string realm, long cpu, long memoryMiB, long storageGiB)
    {
        var prefix = $"CloudBroker:Providers:{provider}:Capacity:{realm}:";
        settings[prefix + "Cpu"] = cpu.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings[prefix + "MemoryMiB"] = memoryMiB.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings[prefix + "StorageGiB"] = storageGiB.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
