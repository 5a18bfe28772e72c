using Azure.Identity;
using Azure.ResourceManager;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Azure;

/// <summary>
/// Makes Azure drivers: each provider is one subscription and resource group reached with a service principal's
/// client secret (Azure.Identity). Settings are in docs/providers-azure.md. Retries are off on both clients: the
/// broker's durable pipeline retries, and a 429 must reach it with its Retry-After.
/// </summary>
public sealed class AzureDriverFactory : ICloudDriverFactory
{
    public const string DriverName = "azure";

    private static readonly Uri PublicCloudAuthority = new("https://login.microsoftonline.com/");

    public string Name => DriverName;

    /// <summary>
    /// ARM's subscription limits: writes 200 at once refilled at 10 per second, reads 250 refilled at 25. Creates and
    /// changes are both writes there, so they share one bucket.
    /// </summary>
    public IReadOnlyDictionary<ProviderCallKind, RequestBudget> DefaultPacing { get; } = new Dictionary<ProviderCallKind, RequestBudget>
    {
        [ProviderCallKind.Create] = new(10, 200, Bucket: "write"),
        [ProviderCallKind.Change] = new(10, 200, Bucket: "write"),
        [ProviderCallKind.Read] = new(25, 250),
    };

    /// <summary>
    /// Every Azure setting but <c>TrustedCertificateFile</c> names only things at Azure; a provider defined through the
    /// API names a trust bundle of configuration instead of a file. The endpoint, the authority, the token audience
    /// and the trust anchors decide where the client secret and its tokens go.
    /// </summary>
    public ApiSettingsPolicy ApiSettings { get; } = new(
    [
        new("SubscriptionId"), new("ResourceGroup"), new("Location"), new("Zones:*"), new("SubnetId"), new("AdminUsername"),
        new("AdminSshPublicKey"),
        new("VmSizes:*:Id"), new("VmSizes:*:Name"), new("VmSizes:*:Cpu"), new("VmSizes:*:MemoryMiB"), new("VmSizes:*:StorageGiB"),
        new("VmSizes:*:Architecture"),
        new("Images:*:Id"), new("Images:*:Name"), new("Images:*:Publisher"), new("Images:*:Offer"), new("Images:*:Sku"),
        new("Images:*:Version"), new("Images:*:Architecture"),
        new("Endpoint", DecidesEndpoint: true, Check: url => SettingVerdict.OfUrl(url, "https")),
        new("AuthorityHost", DecidesEndpoint: true, Check: url => SettingVerdict.OfUrl(url, "https")),
        new("Audience", DecidesEndpoint: true),
        new("TrustBundle", DecidesEndpoint: true),
        ApiSetting.ConfigurationOnly("TrustedCertificateFile",
            "names a file of the broker's host, which only configuration may do: an operator defines a trust bundle " +
            $"(CloudBroker:Drivers:{DriverName}:TrustBundles:<name> = <PEM file>) and the provider names it with TrustBundle"),
        new("RequestTimeout"),
    ],
    requiredCredentials: ["TenantId", "ClientId", "ClientSecret"]);

    public ICloudDriver Create(ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ApiSettings.Enforce(context, DriverName);
        var settings = AzureSettingsLoader.Load(context);
        var transport = Transport(context.ProviderId, settings, context.Endpoints);
        try
        {
            var credentialOptions = new ClientSecretCredentialOptions
            {
                AuthorityHost = settings.AuthorityHost,

                // Instance discovery asks the public cloud about the authority: right there, wrong for any other host.
                DisableInstanceDiscovery = settings.AuthorityHost.Host != PublicCloudAuthority.Host,
                Transport = transport.Transport,
            };
            credentialOptions.Retry.MaxRetries = 0;
            credentialOptions.Retry.NetworkTimeout = settings.RequestTimeout;
            var credential = new ClientSecretCredential(
                settings.Credentials.TenantId, settings.Credentials.ClientId, settings.Credentials.ClientSecret, credentialOptions);

            var armOptions = new ArmClientOptions
            {
                Environment = new ArmEnvironment(settings.Endpoint, settings.Audience),
                Transport = transport.Transport,
            };
            armOptions.Retry.MaxRetries = 0;
            armOptions.Retry.NetworkTimeout = settings.RequestTimeout;
            var arm = new ArmClient(credential, settings.SubscriptionId, armOptions);
            return new AzureDriver(context.ProviderId, settings, arm, transport, context.LoggerFactory.CreateLogger(typeof(AzureDriver).FullName!));
        }
        catch
        {
            transport.Dispose();
            throw;
        }
    }

    /// <summary>The endpoint, subscription and resource group (<see cref="AzureEndpoints"/>); nothing is called at ARM.</summary>
    public ProviderEndpoint DescribeEndpoint(ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AzureEndpoints.Of(AzureSettingsLoader.Load(context));
    }

    /// <summary>An Azure subscription's machines are Microsoft's, in the configured location.</summary>
    public ProviderBilling DescribeBilling(ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ProviderBilling("Microsoft Azure", AzureSettingsLoader.Load(context).Location);
    }

    /// <summary>The provider's HTTP transport; trusted certificates that cannot be read make it unavailable, not the process.</summary>
    private static AzureTransport Transport(string providerId, AzureSettings settings, EndpointPolicy endpoints)
    {
        try
        {
            return new AzureTransport(settings.TrustedCertificateFile, endpoints);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new DriverException(DriverErrorKind.Unavailable,
                $"azure provider '{providerId}' cannot read its trusted certificates: {ex.Message}. Fix the PEM file (docs/providers-azure.md).", inner: ex);
        }
    }
}
