using CloudBroker.Drivers;
using CloudBroker.Provisioning.Calls;
using Microsoft.Extensions.Configuration;

namespace CloudBroker.Provisioning.Providers;

/// <summary>A configured account of a driver, its health and its cached catalog.</summary>
public sealed class Provider
{
    private ProviderStatusCategory? _category;
    private string? _reason;

    internal Provider(string id, string driverName, GatedDriver? driver, ProviderStatusCategory? category, string? unavailableReason, TimeSpan buildTimeout)
    {
        Id = id;
        DriverName = driverName;
        Driver = driver;
        _category = category;
        _reason = unavailableReason;
        BuildTimeout = buildTimeout;
    }

    public string Id { get; }

    public string DriverName { get; }

    /// <summary>
    /// The open driver, or <c>null</c> when the provider could not be opened: always the registry's wrapper
    /// (<see cref="GatedDriver"/>), which paces, limits and records every call; nothing else holds the driver itself.
    /// </summary>
    public GatedDriver? Driver { get; }

    /// <summary>
    /// Unavailable when it could not be opened or its catalog not read; otherwise what its calls say
    /// (<see cref="GatedDriver.Health"/>: degraded while calls fail, unavailable while its circuit is open).
    /// </summary>
    public ProviderStatus Status => Driver is null || _reason is not null ? ProviderStatus.Unavailable : Driver.Health.Status;

    /// <summary>Why the provider cannot be used, or is degraded, and the fix: for admins (it may quote the provider's answer).</summary>
    public string? UnavailableReason => Driver is null || _reason is not null ? _reason : Driver.Health.Reason;

    /// <summary>Why the provider cannot be used, or is degraded, in one word anyone may read; <c>null</c> while it is available.</summary>
    public ProviderStatusCategory? StatusCategory => Status == ProviderStatus.Available ? null
        : Driver is null || _reason is not null ? _category ?? ProviderStatusCategory.Misconfigured
        : Driver.Health.Category;

    public IReadOnlySet<string> Capabilities => Driver?.Capabilities ?? new HashSet<string>();

    public ProviderCatalog Catalog { get; internal set; } = ProviderCatalog.Empty;

    /// <summary>How long a create may take before it ends in error (<c>Providers:&lt;id&gt;:BuildTimeout</c>).</summary>
    public TimeSpan BuildTimeout { get; }

    public ProviderOrigin Origin { get; init; } = ProviderOrigin.Configuration;

    /// <summary>The stored definition it was opened from (<see cref="ProviderOrigin.Api"/> only), as read then.</summary>
    public ProviderRecord? Stored { get; init; }

    /// <summary>
    /// Where its machines live, as its driver describes it; <c>null</c> when it was not opened (a provider refused, also for
    /// sharing another's endpoint, holds no place another provider could clash with).
    /// </summary>
    internal ProviderEndpoint? Endpoint { get; init; }

    /// <summary>The cloud behind it as cost exports name it, as its driver declares it (a private pool when it was not opened).</summary>
    public ProviderBilling Billing { get; init; } = ProviderBilling.Private;

    /// <summary>Marks the provider unusable for <paramref name="reason"/> (it keeps its driver, which may answer again).</summary>
    internal void MarkUnavailable(ProviderStatusCategory category, string reason)
    {
        _category = category;
        _reason = reason;
    }

    /// <summary>Marks the provider usable again: it answered.</summary>
    internal void MarkAnswered()
    {
        _category = null;
        _reason = null;
    }

    /// <summary>The section the driver was given (for tests; it holds the credentials in clear).</summary>
    internal IConfiguration? Settings { get; init; }
}
