using Microsoft.Extensions.Configuration;

namespace CloudBroker.Provisioning.Providers;

/// <summary>How hard the broker may drive one provider (<c>Providers:&lt;id&gt;:MaxConcurrency</c>, <c>RequestsPerSecond</c>, <c>Burst</c>).</summary>
public sealed record ProviderLimits(int MaxConcurrency, double RequestsPerSecond, int Burst)
{
    public static ProviderLimits From(IConfiguration section)
    {
        var rate = section.GetValue("RequestsPerSecond", 50.0);
        var limits = new ProviderLimits(section.GetValue("MaxConcurrency", 16), rate, section.GetValue("Burst", (int)Math.Max(1, Math.Ceiling(rate))));
        return limits.MaxConcurrency < 1 || limits.RequestsPerSecond <= 0 || limits.Burst < 1
            ? throw new InvalidOperationException($"provider '{((IConfigurationSection)section).Key}': MaxConcurrency, RequestsPerSecond and Burst must be positive")
            : limits;
    }
}
