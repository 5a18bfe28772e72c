using CloudBroker.Testing.Ec2;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBroker.Drivers.Ec2.Tests;

/// <summary>One EC2 fake with fast state changes, and drivers pointed at it (SDK retries off, so every call shows).</summary>
internal sealed class Ec2Harness : IAsyncDisposable
{
    public const string ProviderId = "aws-test";

    private readonly List<ICloudDriver> _opened = [];

    private Ec2Harness(Ec2Fake fake) => Fake = fake;

    public Ec2Fake Fake { get; }

    public static async Task<Ec2Harness> StartAsync(Action<Ec2FakeOptions>? configure = null)
    {
        var options = new Ec2FakeOptions
        {
            PendingFor = TimeSpan.FromMilliseconds(200),
            StoppingFor = TimeSpan.FromMilliseconds(100),
            ShuttingDownFor = TimeSpan.FromMilliseconds(100),
        };
        configure?.Invoke(options);
        return new Ec2Harness(await Ec2Fake.StartAsync(options));
    }

    /// <summary>The settings a test provider gets: the fake's endpoint, known keys, no SDK retries.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Driver"] = "ec2",
        ["Region"] = Fake.Options.Region,
        ["ServiceUrl"] = Fake.ServiceUrl.ToString(),
        ["Credentials:AccessKeyId"] = Ec2FakeOptions.DefaultAccessKeyId,
        ["Credentials:SecretAccessKey"] = Ec2FakeOptions.DefaultSecretAccessKey,
        ["MaxErrorRetry"] = "0",
    };

    /// <summary>Opens a driver; <paramref name="changes"/> override or (with a null value) remove settings.</summary>
    public ICloudDriver Open(params (string Key, string? Value)[] changes)
    {
        var settings = Settings();
        foreach (var (key, value) in changes)
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

        var driver = Factory(settings);
        _opened.Add(driver);
        return driver;
    }

    public static ICloudDriver Factory(Dictionary<string, string?> settings) => Factory(settings, ProviderOrigin.Configuration, EndpointPolicy.Unrestricted);

    /// <summary>Opens a driver whose settings come from <paramref name="origin"/>, connecting under <paramref name="endpoints"/>.</summary>
    public static ICloudDriver Factory(Dictionary<string, string?> settings, ProviderOrigin origin, EndpointPolicy endpoints) =>
        new Ec2DriverFactory().Create(new ProviderContext(
            ProviderId,
            new ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
            Path.GetTempPath(),
            "test-installation",
            TimeProvider.System,
            NullLoggerFactory.Instance) { Origin = origin, Endpoints = endpoints });

    public async ValueTask DisposeAsync()
    {
        foreach (var driver in _opened)
        {
            await driver.DisposeAsync();
        }

        await Fake.DisposeAsync();
    }
}
