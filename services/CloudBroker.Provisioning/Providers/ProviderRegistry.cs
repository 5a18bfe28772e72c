using System.Text.RegularExpressions;
using CloudBroker.Drivers;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Calls;
using CloudBroker.Provisioning.Health;
using CloudBroker.Provisioning.Pacing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// The providers configured under <c>CloudBroker:Providers:&lt;id&gt;</c>, each opened once through the
/// driver factory its <c>Driver</c> setting names, and those defined through the API (<see cref="ProviderSync"/>
/// puts, re-opens and removes them as their rows change). A provider that cannot be opened stays listed as
/// unavailable with the reason, and everything else keeps working. So does a provider that would reach the same
/// endpoint or account as one opened before it (configured ones first, in the order of their ids; then those of the
/// API): two providers over the same machines would take each other's. It is the only holder of the drivers themselves:
/// every provider exposes its driver wrapped in a <see cref="GatedDriver"/> (pacing, concurrency, outcomes).
/// </summary>
public sealed partial class ProviderRegistry(
    IConfiguration configuration,
    IEnumerable<ICloudDriverFactory> factories,
    IProviderPacing pacing,
    IEnumerable<IProviderCallObserver> observers,
    ProviderHealthBoard health,
    EndpointPolicy endpoints,
    TimeProvider time,
    IOptions<ProvisioningOptions> provisioning,
    ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private const string Section = "CloudBroker:Providers";
    private const string DriversSection = "CloudBroker:Drivers";
    private static readonly TimeSpan DefaultBuildTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a catalog read waits for its turn of the provider's read budget; a later turn leaves the read to the next
    /// refresh (the catalog refresher's, or a re-open's), keeping the catalog it has.
    /// </summary>
    public static readonly TimeSpan CatalogPatience = TimeSpan.FromSeconds(10);

    private readonly ILogger _logger = loggerFactory.CreateLogger<ProviderRegistry>();
    private readonly Lock _lock = new();
    private readonly ProviderRetirement _retirement = new(time);
    private volatile IReadOnlyDictionary<string, Provider> _providers = new Dictionary<string, Provider>();
    private string _dataDirectory = "";
    private string _installationId = "";

    public IEnumerable<Provider> All => _providers.Values.OrderBy(p => p.Id, StringComparer.Ordinal);

    /// <summary>The names of the drivers this broker has, in order.</summary>
    public IReadOnlyList<string> DriverNames => [.. factories.Select(f => f.Name).Order(StringComparer.Ordinal)];

    public Provider? Find(string id) => _providers.GetValueOrDefault(id);

    /// <summary>Whether configuration defines <paramref name="id"/> (enabled or not): such a provider is read-only through the API.</summary>
    public bool IsConfigured(string id) => configuration.GetSection(Section).GetSection(id).Exists();

    /// <summary>The provider, refused with a problem when it is unknown or unusable.</summary>
    public Provider GetAvailable(string id, string pointer)
    {
        var provider = Find(id) ?? throw ProblemException.Invalid(pointer, $"no provider '{id}'",
            new FieldLimit(Values: [.. _providers.Keys.Order(StringComparer.Ordinal)]));
        if (provider.Status == ProviderStatus.Unavailable)
        {
            throw Unavailable(provider);
        }

        return provider;
    }

    /// <summary>
    /// The refusal of a request that needs an unavailable provider: its category for everyone, the reason (which may
    /// quote the provider's answer) for admins only.
    /// </summary>
    public static ProblemException Unavailable(Provider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var category = provider.StatusCategory ?? ProviderStatusCategory.Misconfigured;
        return new ProblemException(ProblemTypes.ProviderUnavailable,
            $"provider '{provider.Id}' is unavailable ({category.Slug}: {category.Meaning.TrimEnd('.')}); an admin sees the reason",
            extensions: new Dictionary<string, object?> { ["providerId"] = provider.Id, ["statusCategory"] = category.Slug })
        {
            AdminDetail = $"provider '{provider.Id}' is unavailable: {provider.UnavailableReason}",
        };
    }

    /// <summary>Opens every enabled provider of configuration; called once at startup, when the data folder and installation id are known.</summary>
    public void Open(string dataDirectory, string installationId)
    {
        _dataDirectory = dataDirectory;
        _installationId = installationId;
        var opened = new Dictionary<string, Provider>(StringComparer.Ordinal);
        foreach (var section in configuration.GetSection(Section).GetChildren().OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (!section.GetValue("Enabled", true))
            {
                continue;
            }

            if (!IsValidId(section.Key))
            {
                throw new InvalidOperationException($"provider id '{section.Key}' must be an RFC 1123 label (lower-case letters, digits, '-', at most 63)");
            }

            opened[section.Key] = OpenOne(section, ProviderOrigin.Configuration, opened.Values);
        }

        lock (_lock)
        {
            _providers = opened;
        }
    }

    /// <summary>
    /// Opens a provider defined through the API from <paramref name="section"/> (see <see cref="ProviderSettings.Section"/>),
    /// or lists it unavailable with <paramref name="refusal"/>; the driver it replaces is disposed once its calls are done.
    /// A configured provider of the same id wins: the stored one is ignored.
    /// </summary>
    internal Provider? Put(ProviderRecord record, IConfigurationSection section, (ProviderStatusCategory Category, string Reason)? refusal)
    {
        if (IsConfigured(record.Id))
        {
            LogShadowed(_logger, record.Id);
            return null;
        }

        Provider provider;
        try
        {
            provider = OpenOne(section, ProviderOrigin.Api, _providers.Values, refusal, record);
        }
        catch (InvalidOperationException ex)
        {
            // A setting the core reads (limits, BuildTimeout) is malformed: listed unavailable, never a crash.
            provider = new Provider(record.Id, record.Driver, null, ProviderStatusCategory.Misconfigured, ex.Message, DefaultBuildTimeout)
            { Origin = ProviderOrigin.Api, Stored = record };
        }

        Replace(record.Id, provider);
        return provider;
    }

    /// <summary>Forgets a provider defined through the API; its driver is disposed once its calls are done.</summary>
    internal void Remove(string id)
    {
        if (Find(id) is { Origin: ProviderOrigin.Api })
        {
            Replace(id, null);
        }
    }

    /// <summary>
    /// The provider, other than <paramref name="section"/>'s own, that already reaches a place its settings would reach;
    /// <c>null</c> when none does, or when the settings are refused anyway (<see cref="CheckAsync"/> says why).
    /// </summary>
    public EndpointClash? FindSharedEndpoint(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Describe(factories.FirstOrDefault(f => f.Name == section["Driver"]), section, ProviderOrigin.Api) is { } endpoint
            ? ClashWith(section.Key, endpoint, _providers.Values)
            : null;
    }

    /// <summary>
    /// The rules a definition through the API of <paramref name="driver"/> is held to, and the endpoint policy its hosts
    /// are checked against (<c>null</c> for a driver this broker does not have).
    /// </summary>
    public (ApiSettingsPolicy Settings, EndpointPolicy Endpoints)? ApiRules(string driver) =>
        factories.FirstOrDefault(f => f.Name == driver) is { } factory ? (factory.ApiSettings, endpoints) : null;

    /// <summary>
    /// Opens <paramref name="section"/>'s driver once, as a provider defined through the API, and closes it: <c>null</c>,
    /// or why its settings are refused. Drivers do not connect when they open, so nothing is called at the provider.
    /// </summary>
    public async Task<string?> CheckAsync(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        try
        {
            var factory = factories.First(f => f.Name == section["Driver"]);
            _ = ProviderLimits.From(section, factory.DefaultPacing);
            _ = section.GetValue("BuildTimeout", DefaultBuildTimeout);
            var context = Context(section, factory, ProviderOrigin.Api);
            factory.ApiSettings.Enforce(context, factory.Name);
            await using var driver = factory.Create(context);
            return null;
        }
        catch (Exception ex) when (ex is DriverException or InvalidOperationException)
        {
            return ex.Message;
        }
    }

    private void Replace(string id, Provider? provider)
    {
        Provider? old;
        lock (_lock)
        {
            var next = new Dictionary<string, Provider>(_providers, StringComparer.Ordinal);
            next.Remove(id, out old);
            if (provider is not null)
            {
                next[id] = provider;
            }

            _providers = next;
        }

        if (old?.Driver is { } driver)
        {
            _retirement.Retire(driver);
        }
    }

    private ProviderContext Context(IConfigurationSection section, ICloudDriverFactory factory, ProviderOrigin origin) =>
        new(section.Key, section, _dataDirectory, _installationId, time, loggerFactory)
        {
            Origin = origin,
            Endpoints = origin == ProviderOrigin.Api ? endpoints : EndpointPolicy.Unrestricted,
            DriverSettings = configuration.GetSection($"{DriversSection}:{factory.Name}"),
        };

    /// <param name="others">The providers opened so far: one that reaches the same place keeps it, this one is refused.</param>
    private Provider OpenOne(
        IConfigurationSection section, ProviderOrigin origin, IEnumerable<Provider> others,
        (ProviderStatusCategory Category, string Reason)? refusal = null, ProviderRecord? stored = null)
    {
        var driverName = section["Driver"] ?? "";
        var buildTimeout = section.GetValue("BuildTimeout", DefaultBuildTimeout);
        var factory = factories.FirstOrDefault(f => f.Name == driverName);
        var limits = ProviderLimits.From(section, factory?.DefaultPacing ?? new Dictionary<ProviderCallKind, RequestBudget>());
        if (refusal is { } refused)
        {
            return Unavailable(refused.Category, refused.Reason);
        }

        if (factory is null)
        {
            var known = string.Join(", ", factories.Select(f => f.Name).Order(StringComparer.Ordinal));
            return Unavailable(ProviderStatusCategory.Misconfigured, $"no driver named '{driverName}' (set Providers:{section.Key}:Driver to one of: {known})");
        }

        var endpoint = Describe(factory, section, origin);
        if (endpoint is not null && ClashWith(section.Key, endpoint, others) is { } clash)
        {
            return Unavailable(ProviderStatusCategory.Misconfigured, clash.Reason);
        }

        WarnOfPossibleSharing(section.Key, endpoint, others);
        try
        {
            var context = Context(section, factory, origin);

            // The driver holds API settings to its policy too; checking here first means no driver can forget it.
            factory.ApiSettings.Enforce(context, factory.Name);
            return new Provider(section.Key, driverName, Gated(section.Key, factory.Create(context), limits), null, null, buildTimeout)
            {
                Origin = origin, Stored = stored, Settings = section, Endpoint = endpoint, Billing = factory.DescribeBilling(context),
            };
        }
        catch (DriverException ex)
        {
            return Unavailable(ex.Kind == DriverErrorKind.Authentication ? ProviderStatusCategory.CredentialsRefused : ProviderStatusCategory.Misconfigured, ex.Message);
        }

        Provider Unavailable(ProviderStatusCategory category, string reason)
        {
            LogUnavailable(_logger, section.Key, reason);
            return new Provider(section.Key, driverName, null, category, reason, buildTimeout) { Origin = origin, Stored = stored, Settings = section };
        }
    }

    /// <summary>The driver as every caller gets it: paced by <paramref name="limits"/>, its outcomes reported.</summary>
    private GatedDriver Gated(string id, ICloudDriver driver, ProviderLimits limits) =>
        new(id, driver, new ProviderGate(id, limits, pacing), observers, health, provisioning.Value.RetryBaseDelay, time);

    /// <summary>Where the driver says the provider's machines live; <c>null</c> when its settings are refused (opening it says why).</summary>
    private ProviderEndpoint? Describe(ICloudDriverFactory? factory, IConfigurationSection section, ProviderOrigin origin)
    {
        try
        {
            return factory?.DescribeEndpoint(Context(section, factory, origin));
        }
        catch (DriverException)
        {
            return null;
        }
    }

    /// <summary>The first of <paramref name="others"/> (by id) that reaches a place <paramref name="endpoint"/> names.</summary>
    private static EndpointClash? ClashWith(string id, ProviderEndpoint endpoint, IEnumerable<Provider> others) =>
        others.Where(p => p.Id != id && p.Endpoint is not null)
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .SelectMany(p => p.Endpoint!.Keys.Intersect(endpoint.Keys, StringComparer.Ordinal).Select(key => new EndpointClash(p.Id, key)))
            .FirstOrDefault();

    /// <summary>Places the driver cannot tell apart from the settings (two access keys of one account): a warning, the machines' provider tags keep them apart.</summary>
    private void WarnOfPossibleSharing(string id, ProviderEndpoint? endpoint, IEnumerable<Provider> others)
    {
        foreach (var other in others.Where(p => p.Id != id && p.Endpoint is not null))
        {
            foreach (var place in other.Endpoint!.PossibleKeys.Intersect(endpoint?.PossibleKeys ?? [], StringComparer.Ordinal))
            {
                LogPossiblySharing(_logger, id, other.Id, place);
            }
        }
    }

    /// <summary>Re-reads each available provider's catalog; a failure keeps the last good one and is logged.</summary>
    public async Task RefreshCatalogsAsync(CancellationToken cancellationToken)
    {
        foreach (var provider in _providers.Values.Where(p => p.Driver is not null))
        {
            await RefreshCatalogAsync(provider, cancellationToken);
        }
    }

    /// <summary>
    /// Re-reads one provider's catalog (a provider just opened has none yet): three reads, each at its turn of the
    /// provider's read budget if that comes within <see cref="CatalogPatience"/>; otherwise the read is left to the next
    /// refresh and the catalog kept.
    /// </summary>
    public async Task RefreshCatalogAsync(Provider provider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (provider.Driver is not { } driver)
        {
            return;
        }

        try
        {
            provider.Catalog = new ProviderCatalog(
                await driver.AtTurnAsync(d => d.ListRealmsAsync(cancellationToken), CatalogPatience, cancellationToken),
                await driver.AtTurnAsync(d => d.ListImagesAsync(cancellationToken), CatalogPatience, cancellationToken),
                await driver.AtTurnAsync(d => d.ListHardwareProfilesAsync(cancellationToken), CatalogPatience, cancellationToken),
                time.GetUtcNow().UtcDateTime);
            provider.MarkAnswered();
        }
        catch (DriverException ex)
        {
            LogCatalogFailed(_logger, provider.Id, ex);
            if (provider.Catalog == ProviderCatalog.Empty)
            {
                provider.MarkUnavailable(DriverErrorTable.CategoryOf(ex.Kind), "its catalog could not be read: " + ex.Message);
            }
        }
        catch (ProviderPacedException paced)
        {
            LogCatalogPaced(_logger, provider.Id, paced.Until);
            if (provider.Catalog == ProviderCatalog.Empty)
            {
                provider.MarkUnavailable(ProviderStatusCategory.Throttled,
                    $"its catalog could not be read yet: the broker's request budget for its reads has no turn before {paced.Until:yyyy-MM-ddTHH:mm:ssZ}; the next catalog refresh reads it");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers.Values)
        {
            if (provider.Driver is not null)
            {
                await provider.Driver.DisposeAsync();
            }
        }

        await _retirement.DisposeAsync();
    }

    /// <summary>Whether <paramref name="id"/> is an RFC 1123 label, as every provider id must be.</summary>
    public static bool IsValidId(string? id) => id is not null && ProviderIdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex ProviderIdPattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider {ProviderId} is unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string providerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the catalog of provider {ProviderId} failed")]
    private static partial void LogCatalogFailed(ILogger logger, string providerId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading the catalog of provider {ProviderId} is left to the next refresh: its read budget has no turn before {Until:o}")]
    private static partial void LogCatalogPaced(ILogger logger, string providerId, DateTime until);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Providers {ProviderId} and {OtherProviderId} may reach the same machines ({Place}), which their driver cannot tell from the settings; each touches only the machines it made")]
    private static partial void LogPossiblySharing(ILogger logger, string providerId, string otherProviderId, string place);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider {ProviderId} is defined in configuration and in the database; the configured one is used")]
    private static partial void LogShadowed(ILogger logger, string providerId);
}
