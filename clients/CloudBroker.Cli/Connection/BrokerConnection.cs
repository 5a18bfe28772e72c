using CloudBroker.Cli.Client;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace CloudBroker.Cli.Connection;

/// <summary>
/// The generated client on a profile: Kiota's handlers (retries on 429/503 with <c>Retry-After</c>, redirects),
/// the API key, and every error answer turned into a <see cref="BrokerProblemException"/> after the retries.
/// </summary>
internal static class BrokerConnection
{
    public static (BrokerClient Client, HttpClient Http) Open(CliProfile profile, CliEnvironment environment)
    {
        var transport = environment.Transport?.Invoke() ?? new SocketsHttpHandler();
        DelegatingHandler[] chain = [new ProblemHandler(), .. KiotaClientFactory.CreateDefaultHandlers(), new ApiKeyHandler(profile.ApiKey)];
        for (var i = chain.Length - 1; i >= 0; i--)
        {
            chain[i].InnerHandler = i == chain.Length - 1 ? transport : chain[i + 1];
        }

        var http = new HttpClient(chain[0]) { Timeout = TimeSpan.FromSeconds(100) };
        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = profile.Url };
        return (new BrokerClient(adapter), http);
    }
}
