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

    public ICloudDriver Create(ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = AzureSettingsLoader.Load(context.Settings, context.ProviderId);
        var transport = new AzureTransport(settings.TrustedCertificateFile);
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
        return AzureEndpoints.Of(AzureSettingsLoader.Load(context.Settings, context.ProviderId));
    }
}
