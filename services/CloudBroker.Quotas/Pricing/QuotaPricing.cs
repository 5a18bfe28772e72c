using System.Collections.Concurrent;
using System.Globalization;
using CloudBroker.Problems;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CloudBroker.Quotas.Pricing;

/// <summary>
/// Hourly prices declared beside each provider (<c>CloudBroker:Providers:&lt;id&gt;:Prices</c>): a price per
/// hardware profile, or per cpu, GiB of memory and GiB of storage for profiles without one (ranges).
/// A provider without prices costs 0, so budgets never refuse its machines.
/// </summary>
public sealed class QuotaPricing(IConfiguration configuration, IOptions<QuotaOptions> options)
{
    private readonly ConcurrentDictionary<string, PriceList> _lists = new(StringComparer.Ordinal);

    /// <summary>The hourly price of a machine in micro-units of the broker currency, rounded up.</summary>
    public long HourlyMicros(string providerId, string hardwareProfileId, long cpu, long memoryMiB, long storageGiB)
    {
        var list = _lists.GetOrAdd(providerId, Load);
        if (list.Error is not null)
        {
            throw new ProblemException(ProblemTypes.ProviderUnavailable, list.Error);
        }

        if (list.Profiles.TryGetValue(hardwareProfileId, out var profilePrice))
        {
            return MicroUnits.FromPrice(profilePrice);
        }

        return MicroUnits.FromPrice((list.CpuHour * cpu) + (list.MemoryGiBHour * memoryMiB / 1024m) + (list.StorageGiBHour * storageGiB));
    }

    private PriceList Load(string providerId)
    {
        var section = configuration.GetSection($"CloudBroker:Providers:{providerId}:Prices");
        var currency = section["Currency"] ?? options.Value.Currency;
        if (!string.Equals(currency, options.Value.Currency, StringComparison.Ordinal))
        {
            return new PriceList { Error = $"provider '{providerId}' is priced in {currency} but budgets are in {options.Value.Currency} (CloudBroker:Quotas:Currency); give both the same currency" };
        }

        try
        {
            return new PriceList
            {
                CpuHour = Price(section, "CpuHour"),
                MemoryGiBHour = Price(section, "MemoryGiBHour"),
                StorageGiBHour = Price(section, "StorageGiBHour"),
                Profiles = section.GetSection("HardwareProfiles").GetChildren()
                    .ToDictionary(p => p.Key, p => Parse(p.Path, p.Value), StringComparer.Ordinal),
            };
        }
        catch (FormatException ex)
        {
            return new PriceList { Error = ex.Message };
        }
    }

    private static decimal Price(IConfigurationSection section, string key) => Parse(section.Path + ":" + key, section[key]);

    private static decimal Parse(string path, string? value)
    {
        if (value is null)
        {
            return 0m;
        }

        return decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price)
            ? price
            : throw new FormatException($"{path} = '{value}' is not a price (a decimal such as 0.0125)");
    }

    private sealed class PriceList
    {
        public decimal CpuHour { get; init; }

        public decimal MemoryGiBHour { get; init; }

        public decimal StorageGiBHour { get; init; }

        public Dictionary<string, decimal> Profiles { get; init; } = new(StringComparer.Ordinal);

        public string? Error { get; init; }
    }
}
