using Amazon;
using Amazon.EC2;
using Amazon.Runtime;

namespace CloudBroker.Drivers.Ec2;

/// <summary>
/// Builds the SDK client: the region's endpoint or <c>ServiceUrl</c>, static keys or the SDK's default credential
/// chain, and for a provider whose endpoints are restricted (defined through the API), connections that policy checks.
/// </summary>
internal static class Ec2ClientFactory
{
    public static AmazonEC2Client Create(string providerId, Ec2Settings settings, EndpointPolicy endpoints)
    {
        var config = new AmazonEC2Config
        {
            MaxErrorRetry = settings.MaxErrorRetry,
            Timeout = settings.RequestTimeout,
        };
        if (!endpoints.IsUnrestricted)
        {
            config.HttpClientFactory = new GuardedHttpClients(endpoints);
        }

        if (settings.ServiceUrl is { } url)
        {
            config.ServiceURL = url.ToString();

            // Requests to an endpoint override are still signed for the provider's region.
            config.AuthenticationRegion = settings.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }

        return settings.Credentials switch
        {
            null => WithDefaultChain(providerId, config),
            { SessionToken: { } token } c => new AmazonEC2Client(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, token), config),
            var c => new AmazonEC2Client(new BasicAWSCredentials(c.AccessKeyId, c.SecretAccessKey), config),
        };
    }

    /// <summary>The SDK resolves its default chain at once: a host without credentials is a provider listed unavailable, not a crash.</summary>
    private static AmazonEC2Client WithDefaultChain(string providerId, AmazonEC2Config config)
    {
        try
        {
            return new AmazonEC2Client(config);
        }
        catch (AmazonClientException ex)
        {
            throw new DriverException(DriverErrorKind.Unavailable,
                $"ec2 provider '{providerId}' has no Credentials section and the default AWS credential chain (environment, profile, " +
                "instance role) found none on this host: give Credentials:AccessKeyId and Credentials:SecretAccessKey", inner: ex);
        }
    }
}
