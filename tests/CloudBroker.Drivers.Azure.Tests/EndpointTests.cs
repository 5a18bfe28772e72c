namespace CloudBroker.Drivers.Azure.Tests;

/// <summary>
/// What an Azure provider declares it reaches (<see cref="ICloudDriverFactory.DescribeEndpoint"/>): a subscription's
/// resource group through its cloud's ARM endpoint, compared without regard to case as ARM does.
/// </summary>
public sealed class EndpointTests
{
    [Fact]
    public async Task A_resource_group_is_one_key_however_its_names_are_cased_and_another_group_is_another_key()
    {
        await using var harness = await AzureHarness.StartAsync();
        var subscription = harness.Fake.Options.SubscriptionId;
        var group = harness.Fake.Options.ResourceGroup;

        var endpoint = Describe(harness);
        var recased = Describe(harness, ("SubscriptionId", subscription.ToUpperInvariant()), ("ResourceGroup", group.ToUpperInvariant()));
        var otherGroup = Describe(harness, ("ResourceGroup", group + "-other"));

        Assert.Equal(endpoint.Keys, recased.Keys);
        Assert.Empty(endpoint.Keys.Intersect(otherGroup.Keys));
        Assert.Empty(endpoint.PossibleKeys.Intersect(otherGroup.PossibleKeys));
    }

    [Fact]
    public async Task The_same_group_through_another_endpoint_is_only_a_possible_overlap()
    {
        await using var harness = await AzureHarness.StartAsync();

        var endpoint = Describe(harness);
        var elsewhere = Describe(harness, ("Endpoint", "https://management.azure.com/"));

        Assert.Empty(endpoint.Keys.Intersect(elsewhere.Keys));
        Assert.Equal(endpoint.PossibleKeys, elsewhere.PossibleKeys);
        Assert.DoesNotContain(harness.Fake.Options.ClientSecret, string.Join(' ', endpoint.Keys), StringComparison.Ordinal);
    }

    private static ProviderEndpoint Describe(AzureHarness harness, params (string Key, string? Value)[] overrides) =>
        new AzureDriverFactory().DescribeEndpoint(AzureHarness.Context(harness.Settings(overrides.ToDictionary(o => o.Key, o => o.Value))));
}
