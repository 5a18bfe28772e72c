using CloudBroker.Drivers;

namespace CloudBroker.Placement.Sizes;

/// <summary>
/// The best-fitting provider hardware profile for a size, a pure function. Each property of a profile is asked at the
/// smallest value it allows that is at least the size's (a fixed value if it is enough, the next step of a range, the
/// next value of an enum); a profile that cannot reach the size does not fit. Of those that fit, the smallest wins
/// (memory, then vCPUs, then storage, as asked), then the cheapest (a priced one before an unpriced one), then the id.
/// </summary>
public static class SizeMatching
{
    /// <summary>The match, or <c>null</c> when no profile fits; <paramref name="price"/> prices a profile at the values asked.</summary>
    public static SizeMatch? Best(long cpu, long memoryMiB, long storageGiB, IEnumerable<HardwareProfile> profiles, Func<HardwareProfile, long, long, long, decimal> price)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(price);
        return profiles
            .Select(p => (Profile: p, Cpu: Fit(p.Cpu, cpu), Memory: Fit(p.MemoryMiB, memoryMiB), Storage: Fit(p.StorageGiB, storageGiB)))
            .Where(f => f.Cpu is not null && f.Memory is not null && f.Storage is not null)
            .Select(f => new SizeMatch(f.Profile, f.Cpu!.Value, f.Memory!.Value, f.Storage!.Value, price(f.Profile, f.Cpu!.Value, f.Memory!.Value, f.Storage!.Value)))
            .OrderBy(m => m.MemoryMiB).ThenBy(m => m.Cpu).ThenBy(m => m.StorageGiB)
            .ThenBy(m => m.HourlyPrice == 0 ? 1 : 0).ThenBy(m => m.HourlyPrice)
            .ThenBy(m => m.Profile.Id, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>The smallest value <paramref name="property"/> allows that is at least <paramref name="wanted"/>, or <c>null</c>.</summary>
    public static long? Fit(ProfileProperty property, long wanted)
    {
        ArgumentNullException.ThrowIfNull(property);
        switch (property.Kind)
        {
            case ProfilePropertyKind.Fixed:
                return property.Default >= wanted ? property.Default : null;
            case ProfilePropertyKind.Range:
                if (wanted > property.Max)
                {
                    return null;
                }

                if (wanted <= property.Min)
                {
                    return property.Min;
                }

                var steps = (wanted - property.Min + property.Step - 1) / property.Step;
                var value = property.Min + (steps * property.Step);
                return value <= property.Max ? value : null;
            default:
                return property.Values.Where(v => v >= wanted).Cast<long?>().FirstOrDefault();
        }
    }
}
