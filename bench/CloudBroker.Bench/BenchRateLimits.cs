namespace CloudBroker.Bench;

/// <summary>
/// The harness drives one API key from one address as hard as the machine allows, which is what the broker's rate
/// limits exist to stop. Here they are raised far beyond reach: every request still passes through the limiter (its
/// cost is measured), none is refused.
/// </summary>
internal static class BenchRateLimits
{
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["CloudBroker__RateLimits__PerCaller__RequestsPerSecond"] = "1000000",
        ["CloudBroker__RateLimits__PerCaller__Burst"] = "1000000",
        ["CloudBroker__RateLimits__PerAddress__RequestsPerSecond"] = "1000000",
        ["CloudBroker__RateLimits__PerAddress__Burst"] = "1000000",
    };

    /// <summary><paramref name="settings"/> with the limits raised.</summary>
    public static Dictionary<string, string> With(IReadOnlyDictionary<string, string> settings) =>
        new(settings.Concat(Settings).GroupBy(s => s.Key).Select(g => g.Last()));
}
