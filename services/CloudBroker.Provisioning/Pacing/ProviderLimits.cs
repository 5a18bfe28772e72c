using CloudBroker.Drivers;
using Microsoft.Extensions.Configuration;

namespace CloudBroker.Provisioning.Pacing;

/// <summary>
/// How hard the broker may drive one provider: <c>Providers:&lt;id&gt;:MaxConcurrency</c> calls at once from a
/// process, within one request budget (<c>RequestsPerSecond</c>, <c>Burst</c>) and, for the kinds of call the
/// provider meters apart, a budget per kind (<c>Pacing:Create|Change|Read:RequestsPerSecond|Burst</c>, by default
/// what the driver says its provider enforces; kinds naming the same <c>Bucket</c> share one, as ARM's writes do).
/// </summary>
public sealed record ProviderLimits(int MaxConcurrency, RequestBudget Requests, IReadOnlyDictionary<ProviderCallKind, RequestBudget> ByKind)
{
    public static ProviderLimits From(IConfigurationSection section, IReadOnlyDictionary<ProviderCallKind, RequestBudget> driverDefaults)
    {
        var byKind = new Dictionary<ProviderCallKind, RequestBudget>(driverDefaults);
        foreach (var kind in Enum.GetValues<ProviderCallKind>())
        {
            var pacing = section.GetSection($"Pacing:{kind}");
            if (pacing.Exists())
            {
                byKind[kind] = BudgetFrom(pacing, $"Pacing:{kind}:", byKind.GetValueOrDefault(kind), section.Key);
            }
        }

        var maxConcurrency = section.GetValue("MaxConcurrency", 16);
        return maxConcurrency < 1
            ? throw new InvalidOperationException($"provider '{section.Key}': MaxConcurrency must be positive")
            : new ProviderLimits(maxConcurrency, BudgetFrom(section, "", null, section.Key), byKind);
    }

    /// <summary>The budget a call of <paramref name="kind"/> spends, and the name of its bucket.</summary>
    public (string Bucket, RequestBudget Budget) BudgetOf(string providerId, ProviderCallKind kind) =>
        ByKind.TryGetValue(kind, out var own) ? ($"{providerId}/{own.Bucket ?? kind.ToString().ToLowerInvariant()}", own) : (providerId, Requests);

    private static RequestBudget BudgetFrom(IConfigurationSection section, string prefix, RequestBudget? fallback, string providerId)
    {
        var rate = section.GetValue("RequestsPerSecond", fallback?.RequestsPerSecond ?? 50.0);
        var burst = section.GetValue("Burst", fallback?.Burst ?? (int)Math.Max(1, Math.Ceiling(rate)));
        return rate <= 0 || burst < 1
            ? throw new InvalidOperationException($"provider '{providerId}': {prefix}RequestsPerSecond and {prefix}Burst must be positive")
            : new RequestBudget(rate, burst, section["Bucket"] ?? fallback?.Bucket);
    }
}
