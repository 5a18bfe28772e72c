using Microsoft.Extensions.Configuration;

namespace CloudBroker.Drivers.Azure.Tests;

/// <summary>
/// An Azure provider defined through the API: it names a trust bundle of configuration, never a file (and the
/// refusal of a file is the same whether it exists or not), and every connection goes through the endpoint policy.
/// </summary>
public sealed class ApiOriginTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_certificate_file_of_the_api_is_refused_alike_whether_or_not_it_exists()
    {
        await using var harness = await AzureHarness.StartAsync();

        string Refusal(string file) => Assert.Throws<DriverException>(() => new AzureDriverFactory().Create(
            Api(harness, new Dictionary<string, string?> { ["TrustedCertificateFile"] = file }, EndpointPolicy.Create(["*", "127.0.0.1"], [])))).Message;

        var existing = Refusal(harness.Fake.CertificateFile);
        Assert.Contains("TrustedCertificateFile", existing, StringComparison.Ordinal);
        Assert.Contains("TrustBundle", existing, StringComparison.Ordinal);
        Assert.Equal(existing, Refusal("/no/such/file.pem"));
    }

    [Fact]
    public async Task A_trust_bundle_of_configuration_is_trusted_by_name()
    {
        await using var harness = await AzureHarness.StartAsync();
        await using var driver = new AzureDriverFactory().Create(
            Api(harness, new Dictionary<string, string?> { ["TrustedCertificateFile"] = null, ["TrustBundle"] = "fake" }, EndpointPolicy.Create(["*", "127.0.0.1"], [])));

        Assert.Empty(await driver.ListInstancesAsync(Ct));
        Assert.True(harness.Fake.Counters["token"] > 0);

        var undefined = Assert.Throws<DriverException>(() => new AzureDriverFactory().Create(
            Api(harness, new Dictionary<string, string?> { ["TrustedCertificateFile"] = null, ["TrustBundle"] = "other" }, EndpointPolicy.Create(["*", "127.0.0.1"], []))));
        Assert.Contains("TrustBundle 'other' is not defined", undefined.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trust_bundle_whose_file_is_missing_or_not_pem_makes_the_provider_unavailable_not_the_process()
    {
        await using var harness = await AzureHarness.StartAsync();
        var broken = Path.Combine(Path.GetTempPath(), "cb-bundle-" + Guid.NewGuid().ToString("N") + ".pem");
        await File.WriteAllTextAsync(broken, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n", Ct);
        try
        {
            foreach (var (file, expected) in new[] { (broken, "cannot read its trusted certificates"), (broken + ".missing", "does not exist") })
            {
                var context = AzureHarness.Context(harness.Settings(new Dictionary<string, string?> { ["TrustedCertificateFile"] = null, ["TrustBundle"] = "ca" })) with
                {
                    DriverSettings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["TrustBundles:ca"] = file }).Build(),
                };

                var ex = Assert.Throws<DriverException>(() => new AzureDriverFactory().Create(context));

                Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
                Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_not_connected_to_and_the_secret_goes_nowhere()
    {
        await using var harness = await AzureHarness.StartAsync();
        var local = $"https://localhost:{harness.Fake.Endpoint.Port}/";
        await using var driver = new AzureDriverFactory().Create(Api(harness,
            new Dictionary<string, string?> { ["TrustedCertificateFile"] = null, ["TrustBundle"] = "fake", ["Endpoint"] = local, ["AuthorityHost"] = local },
            EndpointPolicy.Create(["*"], [])));

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.ListInstancesAsync(Ct));

        Assert.Contains("'localhost' resolves to", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, harness.Fake.Counters["token"]);
        Assert.DoesNotContain(harness.Fake.Options.ClientSecret, ex.Message, StringComparison.Ordinal);
    }

    private static ProviderContext Api(AzureHarness harness, Dictionary<string, string?> overrides, EndpointPolicy endpoints) =>
        AzureHarness.Context(harness.Settings(overrides)) with
        {
            Origin = ProviderOrigin.Api,
            Endpoints = endpoints,
            DriverSettings = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["TrustBundles:fake"] = harness.Fake.CertificateFile })
                .Build(),
        };
}
