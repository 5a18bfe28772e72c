namespace CloudBroker.Drivers.Libvirt;

/// <summary>
/// Checks a create request as the provider's own API would; the core validates first, but the driver must not
/// pass a request libvirt would half-carry-out. Returns the instance id as the domain UUID.
/// </summary>
internal static class LibvirtSpecValidator
{
    /// <summary>Longest name accepted as the domain title (the core's names are at most 63).</summary>
    public const int MaxNameLength = 255;

    public static Guid Check(InstanceSpec spec, LibvirtSettings settings, LibvirtRealms realms)
    {
        if (string.IsNullOrWhiteSpace(spec.IdempotencyToken))
        {
            throw Invalid("an idempotency token is required");
        }

        if (!LibvirtNames.TryParseInstanceId(spec.InstanceId, out var uuid))
        {
            throw Invalid($"instance id '{spec.InstanceId}' is not a UUID (it becomes the domain UUID)");
        }

        if (spec.Tags.TryGetValue(BrokerTags.InstanceId, out var tagged) && tagged != spec.InstanceId)
        {
            throw Invalid($"tag {BrokerTags.InstanceId} '{tagged}' differs from the instance id '{spec.InstanceId}'");
        }

        if (string.IsNullOrWhiteSpace(spec.Name) || spec.Name.Length > MaxNameLength)
        {
            throw Invalid($"the name must have 1 to {MaxNameLength} characters (it becomes the domain title)");
        }

        // Not declared: no cloud-init NoCloud seed is attached yet, so neither could reach the guest.
        if (spec.UserData is not null || spec.SshKey is not null)
        {
            throw Invalid($"this provider does not support {(spec.UserData is not null ? Capability.UserData : Capability.SshKey)}");
        }

        var profile = settings.Profiles.FirstOrDefault(p => p.Id == spec.HardwareProfileId)
            ?? throw Invalid($"unknown hardware profile '{spec.HardwareProfileId}'");
        CheckValue(profile, "cpu", profile.Cpu, spec.Cpu);
        CheckValue(profile, "memoryMiB", profile.MemoryMiB, spec.MemoryMiB);
        CheckValue(profile, "storageGiB", profile.StorageGiB, spec.StorageGiB);

        if (spec.RealmId is not null && realms.Find(spec.RealmId) is null)
        {
            throw Invalid($"unknown realm '{spec.RealmId}'");
        }

        if (settings.Images is { } images && images.All(i => i.Id != spec.ImageId))
        {
            throw Invalid($"unknown image '{spec.ImageId}'");
        }

        return uuid;
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

    private static DriverException Invalid(string message) => new(DriverErrorKind.InvalidRequest, message);
}
