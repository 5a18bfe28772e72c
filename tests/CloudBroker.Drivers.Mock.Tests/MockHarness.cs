using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CloudBroker.Drivers.Mock.Tests;

/// <summary>
/// A private data folder and a fake clock for one test. Each <see cref="Open"/> makes a new driver object on the
/// same file, as another process would; all are disposed, and the folder deleted, at the end.
/// </summary>
internal sealed class MockHarness : IAsyncDisposable
{
    public const string ProviderId = "mock-test";

    private readonly List<ICloudDriver> _opened = [];

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"cb-mock-{Guid.NewGuid():N}");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public string DatabasePath => Path.Combine(DataDirectory, $"mock-{ProviderId}.db");

    public ICloudDriver Open(params (string Key, string Value)[] settings) => OpenAs(ProviderId, settings);

    public ICloudDriver OpenAs(string providerId, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var context = new ProviderContext(providerId, configuration, DataDirectory, "test-installation", Time, NullLoggerFactory.Instance);
        var driver = new MockDriverFactory().Create(context);
        _opened.Add(driver);
        return driver;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var driver in _opened)
        {
            await driver.DisposeAsync();
        }

        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
