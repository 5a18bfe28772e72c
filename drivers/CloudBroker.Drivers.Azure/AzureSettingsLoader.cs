using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace CloudBroker.Drivers.Azure;

/// <summary>Binds and checks a provider's settings; every problem is reported at once, by its configuration key.</summary>
internal static partial class AzureSettingsLoader
{
    private const string TrustBundlesSection = "TrustBundles";

    private static readonly string[] CredentialKeys = ["TenantId", "ClientId", "ClientSecret"];

    public static AzureSettings Load(ProviderContext context)
    {
        var settings = context.Settings;
        var providerId = context.ProviderId;
        var options = new AzureDriverOptions();
        try
        {
            settings.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw Invalid(providerId, ex.Message, ex);
        }

        var errors = new List<string>();
        Required(errors, nameof(options.SubscriptionId), options.SubscriptionId, "the subscription's id (a GUID)");
        if (options.SubscriptionId is { } subscription && !Guid.TryParse(subscription, out _))
        {
            errors.Add($"SubscriptionId must be a GUID (got '{subscription}')");
        }

        Required(errors, nameof(options.ResourceGroup), options.ResourceGroup, "the resource group the VMs are made in");
        Required(errors, nameof(options.Location), options.Location, "the region, e.g. westeurope");
        if (options.Location is { } location && !RegionName().IsMatch(location))
        {
            errors.Add($"Location must be a region name such as westeurope (got '{location}')");
        }

        Required(errors, nameof(options.SubnetId), options.SubnetId, "the full ARM id of the subnet the VMs join");
        if (options.SubnetId is { } subnet && !SubnetIdPattern().IsMatch(subnet))
        {
            errors.Add("SubnetId must be a full ARM id: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>");
        }

        if (options.Zones.Any(z => !ZoneName().IsMatch(z)) || options.Zones.Distinct().Count() != options.Zones.Count)
        {
            errors.Add("Zones must be distinct zone numbers such as 1, 2, 3");
        }

        if (!AdminName().IsMatch(options.AdminUsername) || options.AdminUsername is "root" or "admin" or "administrator")
        {
            errors.Add($"AdminUsername '{options.AdminUsername}' is not a Linux user name Azure accepts");
        }

        if (options.AdminSshPublicKey is { } key && !SshPublicKeyLine().IsMatch(key))
        {
            errors.Add("AdminSshPublicKey must be an OpenSSH public key line (ssh-rsa/ssh-ed25519/ecdsa-… AAAA…)");
        }

        Https(errors, nameof(options.Endpoint), options.Endpoint);
        Https(errors, nameof(options.AuthorityHost), options.AuthorityHost);
        var trust = TrustedCertificates(errors, options, context);

        var credentials = Credentials(errors, settings.GetSection("Credentials"));
        var sizes = (options.VmSizes.Count == 0 ? DefaultCatalog.Sizes : options.VmSizes).Select((s, i) => Size(errors, i, s)).ToList();
        var images = (options.Images.Count == 0 ? DefaultCatalog.Images : options.Images).Select((m, i) => Image(errors, i, m)).ToList();
        Distinct(errors, "VmSizes", sizes.Select(s => s.Id));
        Distinct(errors, "Images", images.Select(m => m.Id));

        return errors.Count > 0
            ? throw Invalid(providerId, string.Join("; ", errors), null)
            : new AzureSettings(options.SubscriptionId!, options.ResourceGroup!, options.Location!, options.Zones, options.SubnetId!,
                options.AdminUsername, options.AdminSshPublicKey, sizes, images, credentials!, options.Endpoint, options.Audience,
                options.AuthorityHost, trust, options.RequestTimeout);
    }

    /// <summary>
    /// The PEM file of extra trust anchors: a trust bundle of configuration named by <c>TrustBundle</c>, or (configuration
    /// only) a file named by <c>TrustedCertificateFile</c>. A provider defined through the API never names a file, and the
    /// file system is not touched for it before the policy let its settings through.
    /// </summary>
    private static string? TrustedCertificates(List<string> errors, AzureDriverOptions options, ProviderContext context)
    {
        if (options.TrustBundle is { } bundle)
        {
            if (options.TrustedCertificateFile is not null)
            {
                errors.Add("TrustBundle and TrustedCertificateFile are both set: give one");
                return null;
            }

            var file = context.DriverSettings[$"{TrustBundlesSection}:{bundle}"];
            if (string.IsNullOrWhiteSpace(file))
            {
                errors.Add($"TrustBundle '{bundle}' is not defined: an operator defines it as CloudBroker:Drivers:azure:{TrustBundlesSection}:{bundle} = <PEM file>");
                return null;
            }

            // The operator's own file: saying it is missing tells an admin nothing of the host they could choose.
            if (!File.Exists(file))
            {
                errors.Add($"the file of TrustBundle '{bundle}' does not exist: an operator fixes CloudBroker:Drivers:azure:{TrustBundlesSection}:{bundle}");
                return null;
            }

            return file;
        }

        if (options.TrustedCertificateFile is not { } own)
        {
            return null;
        }

        if (context.Origin == ProviderOrigin.Api)
        {
            errors.Add("TrustedCertificateFile may be set in configuration only; name a trust bundle with TrustBundle");
            return null;
        }

        if (!File.Exists(own))
        {
            errors.Add($"TrustedCertificateFile '{own}' does not exist");
        }

        return own;
    }

    private static AzureCredentials? Credentials(List<string> errors, IConfigurationSection section)
    {
        var missing = CredentialKeys.Where(k => string.IsNullOrWhiteSpace(section[k])).ToList();
        if (missing.Count == 0)
        {
            return new AzureCredentials(section["TenantId"]!, section["ClientId"]!, section["ClientSecret"]!);
        }

        errors.Add($"Credentials:{string.Join(", Credentials:", missing)} missing: give the service principal's tenant id, " +
            "client (application) id and client secret (docs/providers-azure.md shows how to make one)");
        return null;
    }

    private static HardwareProfile Size(List<string> errors, int index, AzureVmSizeOptions size)
    {
        var key = $"VmSizes:{index}";
        if (string.IsNullOrWhiteSpace(size.Id))
        {
            errors.Add($"{key}:Id is required (an Azure size name such as Standard_B2s)");
        }

        if (size.Cpu <= 0 || size.MemoryMiB <= 0 || size.StorageGiB <= 0)
        {
            errors.Add($"{key} ({size.Id}): Cpu, MemoryMiB and StorageGiB must be positive");
        }

        return new HardwareProfile(
            size.Id ?? "",
            size.Name ?? size.Id ?? "",
            ProfileProperty.Fixed(Math.Max(1, size.Cpu)),
            ProfileProperty.Fixed(Math.Max(1, size.MemoryMiB)),
            ProfileProperty.Fixed(Math.Max(1, size.StorageGiB)),
            size.Architecture);
    }

    private static AzureImage Image(List<string> errors, int index, AzureImageOptions image)
    {
        var key = $"Images:{index}";
        if (image.Id is null || !Label().IsMatch(image.Id))
        {
            errors.Add($"{key}:Id must be an RFC 1123 label (lower-case letters, digits, '-')");
        }

        if (string.IsNullOrWhiteSpace(image.Publisher) || string.IsNullOrWhiteSpace(image.Offer) || string.IsNullOrWhiteSpace(image.Sku))
        {
            errors.Add($"{key} ({image.Id}): Publisher, Offer and Sku are required (see 'az vm image list')");
        }

        return new AzureImage(image.Id ?? "", image.Name ?? image.Id ?? "", image.Publisher ?? "", image.Offer ?? "", image.Sku ?? "",
            image.Version, image.Architecture);
    }

    private static void Required(List<string> errors, string key, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} is required: {what}");
        }
    }

    private static void Https(List<string> errors, string key, Uri value)
    {
        if (!value.IsAbsoluteUri || value.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"{key} must be an absolute https URL (got '{value}')");
        }
    }

    private static void Distinct(List<string> errors, string key, IEnumerable<string> ids)
    {
        foreach (var twice in ids.GroupBy(i => i, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"{key}: the id '{twice.Key}' is listed more than once");
        }
    }

    private static DriverException Invalid(string providerId, string detail, Exception? inner) =>
        new(
            DriverErrorKind.Unavailable,
            $"azure provider '{providerId}' has invalid settings: {detail}. Fix its configuration section " +
            "(settings are listed in docs/providers-azure.md).",
            inner: inner);

    [GeneratedRegex("^[a-z0-9]+$")]
    private static partial Regex RegionName();

    [GeneratedRegex("^[1-9][0-9]?$")]
    private static partial Regex ZoneName();

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,63}$")]
    private static partial Regex AdminName();

    [GeneratedRegex("^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)) AAAA[A-Za-z0-9+/=]+( .*)?$")]
    private static partial Regex SshPublicKeyLine();

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex("^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Network/virtualNetworks/[^/]+/subnets/[^/]+$", RegexOptions.IgnoreCase)]
    private static partial Regex SubnetIdPattern();
}
