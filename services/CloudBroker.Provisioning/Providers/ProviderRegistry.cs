using System.Text.RegularExpressions;
using CloudBroker.Drivers;
using CloudBroker.Problems;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// The providers configured under <c>CloudBroker:Providers:&lt;id&gt;</c>, each opened once through the
/// driver factory its <c>Driver</c> setting names. A provider that cannot be opened stays listed as
/// unavailable with the reason, and everything else keeps working.
/// </summary>
public sealed partial class ProviderRegistry(
    IConfiguration configuration,
    IEnumerable<ICloudDriverFactory> factories,
    IProviderPacing pacing,
    TimeProvider time,
    ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private static readonly TimeSpan DefaultBuildTimeout = TimeSpan.FromMinutes(10);
    private readonly ILogger _logger = loggerFactory.CreateLogger<ProviderRegistry>();
    private IReadOnlyDictionary<string, Provider> _providers = new Dictionary<string, Provider>();

    public IEnumerable<Provider> All => _providers.Values.OrderBy(p => p.Id, StringComparer.Ordinal);

    public Provider? Find(string id) => _providers.GetValueOrDefault(id);

    /// <summary>The provider, refused with a problem when it is unknown or unusable.</summary>
    public Provider GetAvailable(string id, string pointer)
    {
        var provider = Find(id) ?? throw ProblemException.Invalid(pointer, $"no provider '{id}'",
            new FieldLimit(Values: [.. _providers.Keys.Order(StringComparer.Ordinal)]));
        if (provider.Status != ProviderStatus.Available)
        {
            throw new ProblemException(ProblemTypes.ProviderUnavailable, $"provider '{id}' is unavailable: {provider.UnavailableReason}");
        }

        return provider;
    }

    /// <summary>Opens every enabled provider; called once at startup, when the data folder and installation id are known.</summary>
    public void Open(string dataDirectory, string installationId)
    {
        var opened = new Dictionary<string, Provider>(StringComparer.Ordinal);
        foreach (var section in configuration.GetSection("CloudBroker:Providers").GetChildren())
        {
            if (!section.GetValue("Enabled", true))
            {
                continue;
            }

            if (!ProviderIdPattern().IsMatch(section.Key))
            {
                throw new InvalidOperationException($"provider id '{section.Key}' must be an RFC 1123 label (lower-case letters, digits, '-', at most 63)");
            }

            opened[section.Key] = OpenOne(section, dataDirectory, installationId);
        }

        _providers = opened;
    }

    private Provider OpenOne(IConfigurationSection section, string dataDirectory, string installationId)
    {
        var driverName = section["Driver"] ?? "";
        var buildTimeout = section.GetValue("BuildTimeout", DefaultBuildTimeout);
        var factory = factories.FirstOrDefault(f => f.Name == driverName);
        var gate = new ProviderGate(section.Key, ProviderLimits.From(section, factory?.DefaultPacing ?? new Dictionary<ProviderCallKind, RequestBudget>()), pacing);
        if (factory is null)
        {
            var known = string.Join(", ", factories.Select(f => f.Name).Order(StringComparer.Ordinal));
            return Unavailable($"no driver named '{driverName}' (set Providers:{section.Key}:Driver to one of: {known})");
        }

        try
        {
            var context = new ProviderContext(section.Key, section, dataDirectory, installationId, time, loggerFactory);
            return new Provider(section.Key, driverName, factory.Create(context), null, buildTimeout, gate);
        }
        catch (DriverException ex)
        {
            return Unavailable(ex.Message);
        }

        Provider Unavailable(string reason)
        {
            LogUnavailable(_logger, section.Key, reason);
            return new Provider(section.Key, driverName, null, reason, buildTimeout, gate);
        }
    }

    /// <summary>Re-reads each available provider's catalog; a failure keeps the last good one and is logged.</summary>
    public async Task RefreshCatalogsAsync(CancellationToken cancellationToken)
    {
        foreach (var provider in _providers.Values.Where(p => p.Driver is not null))
        {
            try
            {
                var driver = provider.Driver!;
                provider.Catalog = new ProviderCatalog(
                    await driver.ListRealmsAsync(cancellationToken),
                    await driver.ListImagesAsync(cancellationToken),
                    await driver.ListHardwareProfilesAsync(cancellationToken),
                    time.GetUtcNow().UtcDateTime);
                provider.UnavailableReason = null;
            }
            catch (DriverException ex)
            {
                LogCatalogFailed(_logger, provider.Id, ex);
                if (provider.Catalog == ProviderCatalog.Empty)
                {
                    provider.UnavailableReason = "its catalog could not be read: " + ex.Message;
                }
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
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex ProviderIdPattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider {ProviderId} is unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string providerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the catalog of provider {ProviderId} failed")]
    private static partial void LogCatalogFailed(ILogger logger, string providerId, Exception exception);
}
