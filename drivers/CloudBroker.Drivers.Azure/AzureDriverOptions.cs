namespace CloudBroker.Drivers.Azure;

/// <summary>A provider's configuration section as bound; <see cref="AzureSettingsLoader"/> checks it.</summary>
internal sealed class AzureDriverOptions
{
    public string? SubscriptionId { get; set; }

    public string? ResourceGroup { get; set; }

    /// <summary>The Azure region, e.g. <c>westeurope</c>.</summary>
    public string? Location { get; set; }

    /// <summary>The region's availability zones to offer as realms (e.g. 1, 2, 3).</summary>
    public List<string> Zones { get; } = [];

    /// <summary>Full ARM id of the subnet every VM's NIC joins.</summary>
    public string? SubnetId { get; set; }

    public string AdminUsername { get; set; } = "azureuser";

    /// <summary>An operator key installed when a request brings none (Azure Linux VMs need a key or a password).</summary>
    public string? AdminSshPublicKey { get; set; }

    public List<AzureVmSizeOptions> VmSizes { get; } = [];

    public List<AzureImageOptions> Images { get; } = [];

    /// <summary>ARM base URL; another cloud's, a private endpoint's or a test fake's.</summary>
    public Uri Endpoint { get; set; } = new("https://management.azure.com/");

    /// <summary>The token audience; defaults to the public cloud's ARM audience.</summary>
    public string Audience { get; set; } = "https://management.azure.com";

    public Uri AuthorityHost { get; set; } = new("https://login.microsoftonline.com/");

    /// <summary>A PEM file of certificates trusted in addition to the system store (configuration only).</summary>
    public string? TrustedCertificateFile { get; set; }

    /// <summary>The name of a trust bundle of configuration (<c>CloudBroker:Drivers:azure:TrustBundles:&lt;name&gt;</c>, a PEM file).</summary>
    public string? TrustBundle { get; set; }

    /// <summary>Per-call timeout of the HTTP transport.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

internal sealed class AzureVmSizeOptions
{
    /// <summary>The Azure size name (e.g. <c>Standard_B2s</c>); also the hardware profile id.</summary>
    public string? Id { get; set; }

    public string? Name { get; set; }

    public int Cpu { get; set; }

    public int MemoryMiB { get; set; }

    /// <summary>The OS disk size the broker asks for.</summary>
    public int StorageGiB { get; set; } = 30;

    public string Architecture { get; set; } = "x86_64";
}

internal sealed class AzureImageOptions
{
    /// <summary>The broker's image id (an RFC 1123 label).</summary>
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Publisher { get; set; }

    public string? Offer { get; set; }

    public string? Sku { get; set; }

    public string Version { get; set; } = "latest";

    public string Architecture { get; set; } = "x86_64";
}
