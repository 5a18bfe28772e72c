using Microsoft.Extensions.Configuration;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>Binds and checks a provider's settings; every problem is reported at once, by its configuration key.</summary>
internal static class LibvirtSettingsLoader
{
    private static readonly string[] DomainTypes = ["kvm", "qemu", "test"];
    private static readonly string[] VolumeFormats = ["qcow2", "raw"];

    private const string BootImagesSection = "BootImages";

    public static LibvirtSettings Load(ProviderContext context)
    {
        var settings = context.Settings;
        var providerId = context.ProviderId;
        var options = new LibvirtDriverOptions();
        try
        {
            settings.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw Invalid(providerId, ex.Message, ex);
        }

        var errors = new List<string>();
        var identity = LibvirtSshIdentity.Resolve(options.SshIdentity, context.DriverSettings, errors);
        var realms = RealmAddressList.Read(settings.GetSection("Uris"), errors, context.Origin, identity);
        OneOf(errors, nameof(options.DomainType), options.DomainType, DomainTypes);
        OneOf(errors, nameof(options.VolumeFormat), options.VolumeFormat, VolumeFormats);
        NotBlank(errors, nameof(options.StoragePool), options.StoragePool);
        NotBlank(errors, nameof(options.Network), options.Network);
        if (options.StopGracePeriod < TimeSpan.Zero)
        {
            errors.Add($"StopGracePeriod must not be negative (got {options.StopGracePeriod})");
        }

        var images = options.Images.Count == 0 ? null : options.Images.Select(i => Image(errors, i.Key, i.Value, context)).ToList();
        var profiles = options.HardwareProfiles.Count == 0
            ? DefaultProfiles.All
            : options.HardwareProfiles.Select(p => Profile(errors, p.Key, p.Value)).ToList();

        return errors.Count > 0
            ? throw Invalid(providerId, string.Join("; ", errors), null)
            : new LibvirtSettings(realms, options.DomainType, options.StoragePool, options.Network, options.StopGracePeriod,
                options.VolumeFormat, images, profiles);
    }

    private static LibvirtImage Image(List<string> errors, string id, LibvirtImageOptions image, ProviderContext context)
    {
        Label(errors, $"Images:{id}", id);
        NotBlank(errors, $"Images:{id}:Architecture", image.Architecture);
        var (kernel, initrd, cmdline) = Boot(errors, id, image, context);
        if (kernel is null && (initrd is not null || cmdline is not null))
        {
            errors.Add($"Images:{id}: Initrd and Cmdline need a Kernel");
        }

        var description = image.Description
            ?? (image.Volume is null ? "an empty disk" : $"a copy of volume '{image.Volume}'");
        return new LibvirtImage(id, image.Name ?? id, description, image.Architecture, image.Volume, kernel, initrd, cmdline);
    }

    /// <summary>
    /// How an image boots directly: the boot image of configuration it names, or (configuration only) the host files it
    /// names itself. Those files are written into the domain XML, and libvirt opens them for QEMU.
    /// </summary>
    private static (string? Kernel, string? Initrd, string? Cmdline) Boot(List<string> errors, string id, LibvirtImageOptions image, ProviderContext context)
    {
        var own = image.Kernel is not null || image.Initrd is not null || image.Cmdline is not null;
        if (image.Boot is { } name)
        {
            var boot = context.DriverSettings.GetSection($"{BootImagesSection}:{name}");
            if (own)
            {
                errors.Add($"Images:{id}: give Boot or Kernel/Initrd/Cmdline, not both");
            }
            else if (string.IsNullOrWhiteSpace(boot["Kernel"]))
            {
                errors.Add($"Images:{id}:Boot '{name}' is not defined: an operator defines CloudBroker:Drivers:libvirt:{BootImagesSection}:{name}:Kernel " +
                    "(and …:Initrd, …:Cmdline)");
            }

            return (boot["Kernel"], boot["Initrd"], boot["Cmdline"]);
        }

        if (own && context.Origin == ProviderOrigin.Api)
        {
            errors.Add($"Images:{id}: Kernel, Initrd and Cmdline name files of the broker's host and may be set in configuration only; name a boot image with Images:{id}:Boot");
            return (null, null, null);
        }

        return (image.Kernel, image.Initrd, image.Cmdline);
    }

    private static HardwareProfile Profile(List<string> errors, string id, LibvirtProfileOptions profile)
    {
        Label(errors, $"HardwareProfiles:{id}", id);
        NotBlank(errors, $"HardwareProfiles:{id}:Architecture", profile.Architecture);
        return new HardwareProfile(
            id,
            profile.Name ?? id,
            Size(errors, $"HardwareProfiles:{id}:Cpu", profile.Cpu),
            Size(errors, $"HardwareProfiles:{id}:MemoryMiB", profile.MemoryMiB),
            Size(errors, $"HardwareProfiles:{id}:StorageGiB", profile.StorageGiB),
            profile.Architecture);
    }

    private static ProfileProperty Size(List<string> errors, string key, string? text)
    {
        if (text is null)
        {
            errors.Add($"{key} is required");
        }
        else if (ProfileSyntax.TryParse(text, out var error) is { } property)
        {
            return property;
        }
        else
        {
            errors.Add($"{key}: {error}");
        }

        return ProfileProperty.Fixed(1);
    }

    private static void Label(List<string> errors, string key, string id)
    {
        if (!LibvirtNames.IsLabel(id))
        {
            errors.Add($"{key}: the id must be an RFC 1123 label (lower-case letters, digits, '-')");
        }
    }

    private static void OneOf(List<string> errors, string key, string value, string[] allowed)
    {
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            errors.Add($"{key} must be one of {string.Join(", ", allowed)} (got '{value}')");
        }
    }

    private static void NotBlank(List<string> errors, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} must not be empty");
        }
    }

    private static DriverException Invalid(string providerId, string detail, Exception? inner) =>
        new(
            DriverErrorKind.Unavailable,
            $"libvirt provider '{providerId}' has invalid settings: {detail}. Fix its configuration section " +
            "(settings are listed in drivers/CloudBroker.Drivers.Libvirt/README.md).",
            inner: inner);
}
