using CloudBroker.Testing.Azure;

namespace CloudBroker.Bench.Clouds;

/// <summary>The ARM fake for the clouds scenario: its write bucket is the run's, VMs run 200 ms after their PUT.</summary>
internal sealed class AzureCloudFake(ArmFake fake) : ICloudFake
{
    public string Driver => "azure";

    public string LimitName => "ARM write bucket (429 + Retry-After)";

    public TimeSpan ReadyAfter => fake.Options.CreatingFor;

    public int Running => fake.CountVms("running");

    public long Throttled => fake.Counters.Throttled;

    public static async Task<ICloudFake> StartAsync(int burst, double refillPerSecond) =>
        new AzureCloudFake(await ArmFake.StartAsync(new ArmFakeOptions
        {
            WriteBurst = burst,
            WriteRefillPerSecond = refillPerSecond,
            CreatingFor = TimeSpan.FromMilliseconds(200),
        }));

    public IReadOnlyDictionary<string, string> ProviderEnvironment(string providerId) =>
        fake.ProviderSettings($"CloudBroker:Providers:{providerId}:")
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value ?? "");

    public ValueTask DisposeAsync() => fake.DisposeAsync();
}
