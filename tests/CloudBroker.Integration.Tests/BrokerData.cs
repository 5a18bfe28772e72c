using CloudBroker.Drivers;
using CloudBroker.Drivers.Mock;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBroker.Integration.Tests;

/// <summary>
/// The mock cloud in the data folder, read from outside the broker through the mock driver itself, so its
/// clock-driven states are computed as the broker would see them. The broker's own rows: <see cref="IBrokerRows"/>.
/// </summary>
internal static class BrokerData
{
    /// <summary>Every machine the mock cloud lists, terminated ones included (they stay listed for its retention).</summary>
    public static async Task<IReadOnlyList<DriverInstance>> MockMachinesAsync(
        string dataDirectory, string providerId, IReadOnlyDictionary<string, string?> providerSettings, string installationId, CancellationToken cancellationToken)
    {
        // The same delays as the broker's provider (states are computed from them), but no fault dice: this is a reader.
        var settings = new ConfigurationBuilder().AddInMemoryCollection(providerSettings).Build();
        await using var driver = new MockDriverFactory().Create(
            new ProviderContext(providerId, settings, dataDirectory, installationId, TimeProvider.System, NullLoggerFactory.Instance));
        return await driver.ListInstancesAsync(cancellationToken);
    }
}
