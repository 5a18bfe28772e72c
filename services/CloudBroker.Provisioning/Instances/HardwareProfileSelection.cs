using CloudBroker.Drivers;
using CloudBroker.Problems;

namespace CloudBroker.Provisioning.Instances;

/// <summary>Resolves the cpu, memory and storage a create asks for against the chosen hardware profile.</summary>
public static class HardwareProfileSelection
{
    /// <summary>The values to use (defaults where none was asked), or every field at fault with its limit.</summary>
    public static (int Cpu, int MemoryMiB, int StorageGiB) Resolve(
        HardwareProfile profile, long? cpu, long? memoryMiB, long? storageGiB, IReadOnlySet<string> capabilities)
    {
        var errors = new List<FieldError>();
        var resolvedCpu = Pick("/cpu", profile.Cpu, cpu, capabilities, errors);
        var resolvedMemory = Pick("/memoryMiB", profile.MemoryMiB, memoryMiB, capabilities, errors);
        var resolvedStorage = Pick("/storageGiB", profile.StorageGiB, storageGiB, capabilities, errors);
        if (errors.Count > 0)
        {
            throw new ProblemException(ProblemTypes.Validation, errors[0].Detail, errors);
        }

        return ((int)resolvedCpu, (int)resolvedMemory, (int)resolvedStorage);
    }

    private static long Pick(string pointer, ProfileProperty property, long? asked, IReadOnlySet<string> capabilities, List<FieldError> errors)
    {
        if (asked is not { } value)
        {
            return property.Default;
        }

        if (value != property.Default && property.IsChoice && !capabilities.Contains(Capability.ProfileRanges))
        {
            throw ProblemException.UnsupportedCapability(Capability.ProfileRanges, $"this provider does not let you pick {pointer[1..]} within a profile");
        }

        if (!property.Allows(value))
        {
            errors.Add(property.Kind switch
            {
                ProfilePropertyKind.Fixed => new FieldError(pointer, $"must be {property.Default}", new FieldLimit(Min: property.Default, Max: property.Default)),
                ProfilePropertyKind.Range => new FieldError(pointer,
                    property.Step == 1 ? $"must be between {property.Min} and {property.Max}" : $"must be between {property.Min} and {property.Max} in steps of {property.Step}",
                    new FieldLimit(Min: property.Min, Max: property.Max, Step: property.Step)),
                _ => new FieldError(pointer, "must be one of " + string.Join(", ", property.Values),
                    new FieldLimit(Values: [.. property.Values.Cast<object>()])),
            });
        }

        return value;
    }
}
