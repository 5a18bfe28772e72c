using CloudBroker.Drivers;

namespace CloudBroker.Provisioning.Tests;

/// <summary>The rules a driver declares for providers defined through the API, as the core applies them.</summary>
public sealed class ApiSettingsPolicyTests
{
    private static readonly ApiSettingsPolicy Policy = new(
    [
        new("Url", DecidesEndpoint: true, Check: url => SettingVerdict.OfUrl(url, "https")),
        new("Items:*:Name"),
        ApiSetting.ConfigurationOnly("Items:*:File", "names a host file"),
    ],
    requiredCredentials: ["Key"]);

    [Fact]
    public void Keys_match_by_pattern_without_regard_to_case_and_the_brokers_own_settings_are_allowed()
    {
        Assert.NotNull(Policy.Find("items:0:NAME"));
        Assert.NotNull(Policy.Find("Pacing:Create:Burst"));
        Assert.NotNull(Policy.Find("BuildTimeout"));
        Assert.Null(Policy.Find("Items:0"));
        Assert.Null(Policy.Find("Items:0:Name:Extra"));
    }

    [Fact]
    public void Each_refusal_names_its_key_and_says_why()
    {
        var refusals = Policy.Refusals(new Dictionary<string, string>
        {
            ["Url"] = "https://169.254.169.254/",
            ["Items:a:File"] = "/etc/shadow",
            ["Items:a:Name"] = "fine",
            ["Other"] = "x",
        }, EndpointPolicy.Create(["*"], []));

        Assert.Equal(["Url", "Items:a:File", "Other"], refusals.Select(r => r.Key));
        Assert.Contains("connects to '169.254.169.254'", refusals[0].Reason, StringComparison.Ordinal);
        Assert.Equal("names a host file", refusals[1].Reason);
        Assert.Contains("configuration", refusals[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_with_user_information_or_of_another_scheme_is_refused()
    {
        Assert.NotNull(SettingVerdict.OfUrl("https://user:pass@example.com/", "https").Refusal);
        Assert.NotNull(SettingVerdict.OfUrl("http://example.com/", "https").Refusal);
        Assert.NotNull(SettingVerdict.OfUrl("file:///etc/shadow", "https", "http").Refusal);
        Assert.Equal(["example.com"], SettingVerdict.OfUrl("https://example.com:8443/x", "https").Hosts);
    }

    [Fact]
    public void Endpoint_changes_are_added_removed_or_changed_values_of_endpoint_settings()
    {
        var before = new Dictionary<string, string> { ["Url"] = "https://a.example/", ["Items:a:Name"] = "x" };

        Assert.Empty(Policy.ChangedEndpoints(before, new Dictionary<string, string> { ["url"] = "https://a.example/", ["Items:a:Name"] = "y" }));
        Assert.Equal(["Url"], Policy.ChangedEndpoints(before, new Dictionary<string, string> { ["Url"] = "https://b.example/" }));
        Assert.Equal(["Url"], Policy.ChangedEndpoints(before, new Dictionary<string, string>()));
        Assert.Equal(["Url"], Policy.ChangedEndpoints(new Dictionary<string, string>(), before));
    }

    [Fact]
    public void Required_credentials_are_named_when_missing()
    {
        Assert.Equal(["Key"], Policy.MissingCredentials(["Other"]));
        Assert.Empty(Policy.MissingCredentials(["key"]));
    }
}
