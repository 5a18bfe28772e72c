using System.Net;
using CloudBroker.Drivers;
using CloudBroker.Provisioning.Providers;
using Microsoft.Extensions.Configuration;

namespace CloudBroker.Provisioning.Tests;

/// <summary>
/// Where a provider defined through the API may connect: the allow-list by name, domain, address and range; the
/// refused ranges (link-local and metadata, the broker's own host) in every spelling of an address; and reading
/// <c>CloudBroker:ProviderEndpoints</c>.
/// </summary>
public sealed class EndpointPolicyTests
{
    private static readonly EndpointPolicy Defaults = EndpointPolicy.Create(["*"], []);

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("[fd00:ec2::254]")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("2852039166")]
    [InlineData("0xa9fea9fe")]
    [InlineData("127.0.0.1")]
    [InlineData("127.1")]
    [InlineData("::1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public void Metadata_link_local_and_own_host_addresses_are_refused_in_every_spelling(string host)
    {
        var refusal = Defaults.RefuseHost(host);

        Assert.NotNull(refusal);
        Assert.Contains("may not reach", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ec2.eu-west-1.amazonaws.com")]
    [InlineData("management.azure.com")]
    [InlineData("10.0.0.7")]
    [InlineData("[2001:db8::7]")]
    [InlineData("localhost")]
    public void Any_other_host_is_allowed_by_the_default_star(string host) => Assert.Null(Defaults.RefuseHost(host));

    [Fact]
    public void An_allow_list_admits_its_names_domains_addresses_and_ranges_only()
    {
        var policy = EndpointPolicy.Create(["*.amazonaws.com", "management.azure.com", "10.1.0.0/16", "192.0.2.7", "169.254.10.0/24"], ["10.1.99.0/24"]);

        Assert.Null(policy.RefuseHost("ec2.eu-west-1.amazonaws.com"));
        Assert.Null(policy.RefuseHost("Management.Azure.com."));
        Assert.Null(policy.RefuseHost("10.1.2.3"));
        Assert.Null(policy.RefuseHost("192.0.2.7"));
        Assert.Null(policy.RefuseHost("169.254.10.5")); // named by the operator: the refused range yields to it
        Assert.Contains("allow-list", policy.RefuseHost("amazonaws.com.attacker.example"), StringComparison.Ordinal);
        Assert.Contains("allow-list", policy.RefuseHost("10.2.0.1"), StringComparison.Ordinal);
        Assert.Contains("may not reach", policy.RefuseHost("169.254.169.254"), StringComparison.Ordinal);
        Assert.Contains("may not reach", policy.RefuseHost("10.1.99.1"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_is_judged_again_by_the_addresses_it_resolves_to()
    {
        Assert.Contains("'localhost' resolves to", Defaults.RefuseResolved("localhost"), StringComparison.Ordinal);
        Assert.Null(EndpointPolicy.Create(["*", "127.0.0.1", "::1"], []).RefuseResolved("localhost"));
        Assert.Null(Defaults.RefuseResolved("no-such-host.invalid")); // unresolvable: the connection fails on its own
        Assert.Null(EndpointPolicy.Unrestricted.RefuseResolved("localhost"));
        Assert.Null(EndpointPolicy.Unrestricted.ConnectCallback);
    }

    [Fact]
    public async Task The_connect_callback_refuses_before_any_connection_is_made()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = Defaults.ConnectCallback, UseProxy = false });

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://localhost:{port}/", TestContext.Current.CancellationToken));

        Assert.Contains("did not connect", ex.ToString(), StringComparison.Ordinal);
        Assert.False(listener.Pending());
    }

    [Theory]
    [InlineData("Allow:0", "kvm_1.example.com")]
    [InlineData("Allow:0", "10.0.0.0/33")]
    [InlineData("Refuse:0", "example.com")]
    public void A_malformed_entry_stops_the_start_naming_it(string key, string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ProviderEndpointSettings.Section + ":" + key] = value })
            .Build();

        var ex = Assert.Throws<InvalidOperationException>(() => ProviderEndpointSettings.Read(configuration));

        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_may_be_a_list_or_one_comma_separated_value()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ProviderEndpointSettings.Section + ":Allow"] = "*.example.com, 127.0.0.1",
            [ProviderEndpointSettings.Section + ":Refuse:0"] = "10.9.0.0/16",
        }).Build();

        var policy = ProviderEndpointSettings.Read(configuration);

        Assert.Null(policy.RefuseHost("kvm1.example.com"));
        Assert.Null(policy.RefuseHost("127.0.0.1"));
        Assert.NotNull(policy.RefuseHost("kvm1.example.org"));
        Assert.Contains("may not reach", policy.RefuseHost("10.9.1.1"), StringComparison.Ordinal);
    }
}
