using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;

namespace CloudBroker.Drivers.Azure;

/// <summary>
/// The one HTTP client a provider's token requests and ARM calls share. Trusted certificates (a trust bundle or
/// <c>TrustedCertificateFile</c>) add roots (Azure Stack Hub, a private endpoint's CA, a test fake) to the system store;
/// host names are always checked. For a provider defined through the API every connection is made by the endpoint
/// policy, which refuses link-local, metadata and other refused addresses also when a name resolves to one later, and
/// no HTTP proxy is used (it would make the connection the broker cannot check).
/// </summary>
internal sealed class AzureTransport : IDisposable
{
    private readonly HttpClient _client;

    public AzureTransport(string? trustedCertificateFile, EndpointPolicy endpoints)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (!endpoints.IsUnrestricted)
        {
            handler.ConnectCallback = endpoints.ConnectCallback;
            handler.UseProxy = false;
        }

        if (trustedCertificateFile is not null)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(trustedCertificateFile);
            if (roots.Count == 0)
            {
                throw new CryptographicException($"{trustedCertificateFile} holds no PEM certificate");
            }
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Trusts(roots, certificate, chain, errors);
        }

        // Azure.Core's own NetworkTimeout bounds each call; the client's must not cut it shorter.
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        Transport = new HttpClientTransport(_client);
    }

    public HttpClientTransport Transport { get; }

    public void Dispose() => _client.Dispose();

    private static bool Trusts(X509Certificate2Collection roots, System.Security.Cryptography.X509Certificates.X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // A wrong host name or a missing certificate is never excused; only an unknown root may be one of ours.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }
}
