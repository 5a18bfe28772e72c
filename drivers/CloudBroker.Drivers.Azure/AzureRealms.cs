namespace CloudBroker.Drivers.Azure;

/// <summary>Realms are the region (no zone: Azure picks) and each configured zone as <c>&lt;region&gt;-&lt;zone&gt;</c>.</summary>
internal sealed class AzureRealms(string location, IReadOnlyList<string> zones)
{
    public IReadOnlyList<Realm> All { get; } =
        [new(location, location, true), .. zones.Select(z => new Realm($"{location}-{z}", $"{location} zone {z}", true))];

    /// <summary>The zone a realm stands for (<c>null</c> for the region); false for a realm this provider lacks.</summary>
    public bool TryZone(string? realmId, out string? zone)
    {
        zone = null;
        if (realmId is null || realmId == location)
        {
            return true;
        }

        zone = zones.FirstOrDefault(z => realmId == $"{location}-{z}");
        return zone is not null;
    }

    /// <summary>The realm of a VM from its location and zones.</summary>
    public static string RealmOf(string vmLocation, IEnumerable<string> vmZones) =>
        vmZones.FirstOrDefault() is { } zone ? $"{vmLocation}-{zone}" : vmLocation;
}
