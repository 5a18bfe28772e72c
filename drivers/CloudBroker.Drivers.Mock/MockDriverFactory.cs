using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Mock;

/// <summary>
/// Makes mock drivers: a fake cloud whose state lives in <c>&lt;DataDirectory&gt;/mock-&lt;providerId&gt;.db</c>,
/// moves with <see cref="ProviderContext.Time"/> and fails on demand (see <see cref="MockDriverOptions"/>).
/// </summary>
public sealed class MockDriverFactory : ICloudDriverFactory
{
    public const string DriverName = "mock";

    public string Name => DriverName;

    /// <summary>Every mock setting: none touches the host (its state file is named by the provider id, in the data folder).</summary>
    public ApiSettingsPolicy ApiSettings { get; } = new(
    [
        new("Seed"), new("BootDelay"), new("StopDelay"), new("StartDelay"), new("RebootDelay"), new("DestroyDelay"),
        new("TerminatedRetention"), new("Latency"), new("DisabledCapabilities"),
        new("Faults:*:FailureRate"), new("Faults:*:ThrottleRate"), new("Faults:*:ThrottleRetryAfter"),
        new("Faults:*:FailAfterCreateRate"), new("Faults:*:StuckPendingRate"),
    ]);

    public ICloudDriver Create(ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ApiSettings.Enforce(context, DriverName);
        var path = StatePath(context);
        var options = MockDriverOptions.Load(context.Settings, context.ProviderId);
        MockStore store;
        try
        {
            Directory.CreateDirectory(context.DataDirectory);
            store = MockStore.Open(path);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new DriverException(
                DriverErrorKind.Unavailable,
                $"mock provider '{context.ProviderId}' cannot open {path}: {ex.Message}. Make the data directory writable.",
                inner: ex);
        }

        var logger = context.LoggerFactory.CreateLogger(typeof(MockDriver).FullName!);
        MockLog.Opened(logger, context.ProviderId, path);
        return new MockDriver(context.ProviderId, options, store, context.Time, logger);
    }

    /// <summary>Its own state file: a mock cloud is the file its machines live in.</summary>
    public ProviderEndpoint DescribeEndpoint(ProviderContext context) =>
        new(["mock " + Path.GetFullPath(StatePath(context))], []);

    private static string StatePath(ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The id becomes a file name: refuse anything that could leave the data folder.
        if (string.IsNullOrEmpty(context.ProviderId) || !context.ProviderId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new DriverException(
                DriverErrorKind.Unavailable,
                $"mock provider id '{context.ProviderId}' must be letters, digits, '-' or '_' (it names the file mock-<id>.db)");
        }

        return MockStore.PathFor(context.DataDirectory, context.ProviderId);
    }
}
