namespace CloudBroker.Drivers.Mock;

/// <summary>
/// Checks a create request against the catalog and the provider's capabilities, as a real cloud's API would:
/// the core validates first, but a mock that lets a bad request through would hide a core bug.
/// </summary>
internal static class MockSpecValidator
{
    /// <summary>Returns the realm the machine goes to; throws <see cref="DriverException"/> for a request the cloud refuses.</summary>
    public static string Check(InstanceSpec spec, IReadOnlySet<string> capabilities, IReadOnlyList<HardwareProfile> profiles)
    {
        if (string.IsNullOrWhiteSpace(spec.IdempotencyToken))
        {
            throw Invalid("an idempotency token is required");
        }

        var image = MockCatalog.Images.FirstOrDefault(i => i.Id == spec.ImageId) ?? throw Invalid($"unknown image '{spec.ImageId}'");
        if (spec.StorageGiB < image.MinStorageGiB)
        {
            throw Invalid($"image '{image.Id}' needs a disk of at least {image.MinStorageGiB} GiB; storageGiB is {spec.StorageGiB}");
        }

        var profile = profiles.FirstOrDefault(p => p.Id == spec.HardwareProfileId)
            ?? throw Invalid($"unknown hardware profile '{spec.HardwareProfileId}'");
        CheckValue(profile, "cpu", profile.Cpu, spec.Cpu);
        CheckValue(profile, "memoryMiB", profile.MemoryMiB, spec.MemoryMiB);
        CheckValue(profile, "storageGiB", profile.StorageGiB, spec.StorageGiB);

        CheckOptional(capabilities, Capability.UserData, spec.UserData is not null);
        CheckOptional(capabilities, Capability.SshKey, spec.SshKey is not null);
        CheckOptional(capabilities, Capability.RealmChoice, spec.RealmId is not null);
        return ResolveRealm(spec.RealmId);
    }

    private static string ResolveRealm(string? realmId)
    {
        if (realmId is null)
        {
            return MockCatalog.Realms.First(r => r.Available).Id;
        }

        var realm = MockCatalog.Realms.FirstOrDefault(r => r.Id == realmId)
            ?? throw Invalid($"unknown realm '{realmId}'");

        // Capacity, not InvalidRequest: the request is fine, this place just cannot take it; placement may go elsewhere.
        return realm.Available
            ? realm.Id
            : throw new DriverException(DriverErrorKind.Capacity, $"realm '{realmId}' is not available");
    }

    private static void CheckValue(HardwareProfile profile, string name, ProfileProperty property, long value)
    {
        if (!property.Allows(value))
        {
            var allowed = property.Kind switch
            {
                ProfilePropertyKind.Fixed => $"{property.Default}",
                ProfilePropertyKind.Range => $"{property.Min}..{property.Max} step {property.Step}",
                _ => string.Join(", ", property.Values),
            };
            throw Invalid($"{name} {value} is not allowed by hardware profile '{profile.Id}' (allowed: {allowed})");
        }
    }

    private static void CheckOptional(IReadOnlySet<string> capabilities, string capability, bool requested)
    {
        if (requested && !capabilities.Contains(capability))
        {
            throw Invalid($"this provider does not support {capability}");
        }
    }

    private static DriverException Invalid(string message) => new(DriverErrorKind.InvalidRequest, message);
}
