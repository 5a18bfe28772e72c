namespace CloudBroker.Drivers.Azure;

/// <summary>
/// The resource group a provider's VMs live in: subscription and group (ARM compares both without regard to case),
/// through the ARM endpoint of its cloud. The same subscription and group through another endpoint is a possible
/// overlap (a regional or private endpoint of the same cloud), which the driver cannot tell without calling ARM.
/// </summary>
internal static class AzureEndpoints
{
    public static ProviderEndpoint Of(AzureSettings settings)
    {
        var group = $"subscription {settings.SubscriptionId.ToLowerInvariant()} resource group {settings.ResourceGroup.ToLowerInvariant()}";
        var endpoint = settings.Endpoint.GetLeftPart(UriPartial.Authority);
        return new([$"azure {endpoint} {group}"], [$"azure {group}"]);
    }
}
