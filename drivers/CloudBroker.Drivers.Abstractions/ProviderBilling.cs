namespace CloudBroker.Drivers;

/// <summary>
/// The cloud behind a provider as cost exports name it (FOCUS <c>ProviderName</c>/<c>PublisherName</c>, <c>RegionId</c>),
/// declared by its driver from the settings alone. <c>null</c> members: a private pool, which exports name after the
/// operator and the provider itself.
/// </summary>
/// <param name="CloudName">The public cloud's own name (<c>Amazon Web Services</c>, <c>Microsoft Azure</c>).</param>
/// <param name="Region">The cloud's region the provider's machines live in (<c>eu-west-1</c>, <c>westeurope</c>).</param>
public sealed record ProviderBilling(string? CloudName, string? Region)
{
    /// <summary>A private pool: named after the operator and the provider.</summary>
    public static ProviderBilling Private { get; } = new(null, null);
}
