namespace CloudBroker.Drivers;

/// <summary>Makes drivers of one kind (its <see cref="Name"/> is what <c>Providers__id__Driver</c> names).</summary>
public interface ICloudDriverFactory
{
    string Name { get; }

    /// <summary>
    /// Opens a driver for one provider. Throws <see cref="DriverException"/> of kind
    /// <see cref="DriverErrorKind.Unavailable"/> with the reason and the fix when the provider cannot work here.
    /// </summary>
    ICloudDriver Create(ProviderContext context);

    /// <summary>
    /// Where the provider's machines live, from its settings alone (nothing is called): the core refuses a second
    /// provider on the same endpoint or account. Throws <see cref="DriverException"/> as <see cref="Create"/> does when
    /// the settings are invalid.
    /// </summary>
    ProviderEndpoint DescribeEndpoint(ProviderContext context);

    /// <summary>
    /// The request budgets the provider enforces per kind of call, so the broker paces itself within them
    /// without configuration (<c>Providers:&lt;id&gt;:Pacing:&lt;kind&gt;</c> overrides each). Empty: one budget for every call.
    /// </summary>
    IReadOnlyDictionary<ProviderCallKind, RequestBudget> DefaultPacing => new Dictionary<ProviderCallKind, RequestBudget>();

    /// <summary>
    /// What a provider defined through the API may carry: the settings of an allow-list, which of them decide where
    /// credentials go, and the credentials it must bring. Data, checked by the core; a driver that declares nothing
    /// takes no setting of its own from the API.
    /// </summary>
    ApiSettingsPolicy ApiSettings => ApiSettingsPolicy.None;

    /// <summary>
    /// The cloud behind the provider as cost exports name it, from its settings alone (nothing is called). Private
    /// pools keep the default; a public cloud's driver names its cloud and region.
    /// </summary>
    ProviderBilling DescribeBilling(ProviderContext context) => ProviderBilling.Private;
}
