using CloudBroker.Testing.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBroker.Drivers.Azure.Tests;

/// <summary>One <see cref="ArmFake"/> and drivers opened on it with the settings a real provider would have.</summary>
internal sealed class AzureHarness : IAsyncDisposable
{
    public const string ProviderId = "azure-test";

    private AzureHarness(ArmFake fake) => Fake = fake;

    public ArmFake Fake { get; }

    public static async Task<AzureHarness> StartAsync(Action<ArmFakeOptions>? configure = null)
    {
        var options = new ArmFakeOptions();
        configure?.Invoke(options);
        return new AzureHarness(await ArmFake.StartAsync(options, TestContext.Current.CancellationToken));
    }

    /// <summary>The fake's provider settings with <paramref name="overrides"/> applied (a null value removes a key).</summary>
    public IConfiguration Settings(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(Fake.ProviderSettings());
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    public ICloudDriver Open(IReadOnlyDictionary<string, string?>? overrides = null) =>
        new AzureDriverFactory().Create(Context(Settings(overrides)));

    public static ProviderContext Context(IConfiguration settings) =>
        new(ProviderId, settings, Path.GetTempPath(), "test-installation", TimeProvider.System, NullLoggerFactory.Instance);

    public ValueTask DisposeAsync() => Fake.DisposeAsync();
}
