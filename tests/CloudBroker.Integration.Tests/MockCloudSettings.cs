using System.Globalization;

namespace CloudBroker.Integration.Tests;

/// <summary>
/// The mock provider's settings (drivers/CloudBroker.Drivers.Mock/README.md) as the scenarios use them: the
/// reader's (the same delays as the broker's provider, so states computed from the clock agree, but no fault
/// dice) and the broker's (the reader's plus faults a correct broker survives).
/// </summary>
internal static class MockCloudSettings
{
    public const string ProviderId = "mock";

    /// <summary>A fast cloud: boot in <paramref name="bootDelay"/>, every other transition in <paramref name="actionDelay"/>.</summary>
    public static Dictionary<string, string?> Reader(TimeSpan bootDelay, TimeSpan actionDelay) => new()
    {
        ["Driver"] = "mock",
        ["BootDelay"] = bootDelay.ToString("c", CultureInfo.InvariantCulture),
        ["StopDelay"] = actionDelay.ToString("c", CultureInfo.InvariantCulture),
        ["StartDelay"] = actionDelay.ToString("c", CultureInfo.InvariantCulture),
        ["RebootDelay"] = actionDelay.ToString("c", CultureInfo.InvariantCulture),
        ["DestroyDelay"] = actionDelay.ToString("c", CultureInfo.InvariantCulture),
    };

    /// <summary>Ambiguous creates, throttling, failing reads and actions, rolled from <paramref name="seed"/>.</summary>
    public static Dictionary<string, string?> WithFaults(IReadOnlyDictionary<string, string?> reader, int seed) => new(reader)
    {
        ["Seed"] = seed.ToString(CultureInfo.InvariantCulture),
        ["Faults:Create:FailAfterCreateRate"] = "0.2",
        ["Faults:Create:ThrottleRate"] = "0.1",
        ["Faults:Create:ThrottleRetryAfter"] = "00:00:00.2",
        ["Faults:Get:FailureRate"] = "0.05",
        ["Faults:Stop:FailureRate"] = "0.05",
        ["Faults:Start:FailureRate"] = "0.05",
        ["Faults:Destroy:FailureRate"] = "0.05",
    };

    /// <summary>The settings as the broker's environment variables (<c>CloudBroker__Providers__mock__...</c>).</summary>
    public static IEnumerable<KeyValuePair<string, string>> AsEnvironment(IReadOnlyDictionary<string, string?> settings) =>
        settings.Select(s => KeyValuePair.Create(
            $"CloudBroker__Providers__{ProviderId}__" + s.Key.Replace(":", "__", StringComparison.Ordinal), s.Value ?? ""));
}
