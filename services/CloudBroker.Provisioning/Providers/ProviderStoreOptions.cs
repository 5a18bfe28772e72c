namespace CloudBroker.Provisioning.Providers;

/// <summary>The <c>CloudBroker:ProviderStore</c> section: how providers defined through the API are kept in step.</summary>
public sealed class ProviderStoreOptions
{
    public const string Section = "CloudBroker:ProviderStore";

    /// <summary>How often each process checks the table for changes made by another (a cheap count and max query).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long <c>POST /api/providers/{id}/test</c> waits for the provider's catalog.</summary>
    public TimeSpan TestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
