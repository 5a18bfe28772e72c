using Amazon.Runtime;

namespace CloudBroker.Drivers.Ec2;

/// <summary>
/// The SDK's HTTP clients for a provider defined through the API: every connection is made by the endpoint policy,
/// which resolves the host itself and refuses link-local, metadata and other refused addresses, also when a name
/// resolves elsewhere later (DNS rebinding). No HTTP proxy: a proxy would make the connection the broker cannot check.
/// </summary>
internal sealed class GuardedHttpClients(EndpointPolicy endpoints) : HttpClientFactory
{
    // The SDK's own default, for a client without a configured timeout.
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        ArgumentNullException.ThrowIfNull(clientConfig);
        var handler = new SocketsHttpHandler { ConnectCallback = endpoints.ConnectCallback, UseProxy = false };
        return new HttpClient(handler) { Timeout = clientConfig.Timeout ?? DefaultTimeout };
    }
}
