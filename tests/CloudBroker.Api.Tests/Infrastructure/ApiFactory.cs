using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CloudBroker.Api.Tests.Infrastructure;

/// <summary>
/// The API in memory on its own data folder, with fast mock providers: <c>mock</c> (every capability),
/// <c>lite</c> (none), <c>flaky</c> (every create fails) and <c>broken</c> (a driver that does not exist).
/// One instance is shared per test class (<c>IClassFixture&lt;ApiFactory&gt;</c>); the folder is deleted on dispose.
/// The database is SQLite in the folder, or with <c>CB_TEST_DATABASE=postgres</c> the folder's own PostgreSQL
/// database (<see cref="PostgresTestDatabase"/>), dropped with the folder.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "cb-test-admin-key-3f9c2a7d51e84b06";

    public const string LiteDisabledCapabilities = "userData,sshKey,startStop,reboot,realmChoice,profileRanges,capacity";

    private readonly bool _deleteOnDispose;
    private readonly PostgresTestDatabase? _postgres;

    public ApiFactory()
        : this(NewDataDirectory(), AdminKey, deleteOnDispose: true)
    {
    }

    /// <summary>For derived fixtures that restart on one data folder (the configured admin key).</summary>
    protected ApiFactory(string dataDirectory, bool deleteOnDispose)
        : this(dataDirectory, AdminKey, deleteOnDispose)
    {
    }

    private ApiFactory(string dataDirectory, string? adminKey, bool deleteOnDispose)
    {
        DataDirectory = dataDirectory;
        ConfiguredAdminKey = adminKey;
        _deleteOnDispose = deleteOnDispose;
        _postgres = PostgresTestDatabase.ForDataDirectory(dataDirectory);
    }

    public string DataDirectory { get; }

    /// <summary>Whether the default <c>libvirt</c> provider (libvirt's <c>test:///default</c> host) stays enabled.</summary>
    protected virtual bool KeepEmbeddedLibvirt => false;

    /// <summary>Where a derived fixture adds providers or changes settings.</summary>
    protected virtual void AddSettings(Dictionary<string, string?> settings)
    {
    }

    /// <summary>Configures a mock provider with the fixture's short delays.</summary>
    protected static void AddMockProvider(Dictionary<string, string?> settings, string id)
    {
        var prefix = $"CloudBroker:Providers:{id}:";
        settings[prefix + "Driver"] = "mock";
        settings[prefix + "BootDelay"] = "00:00:00.3";
        settings[prefix + "StopDelay"] = "00:00:00.15";
        settings[prefix + "StartDelay"] = "00:00:00.15";
        settings[prefix + "RebootDelay"] = "00:00:00.15";
        settings[prefix + "DestroyDelay"] = "00:00:00.1";
    }

    public string? ConfiguredAdminKey { get; }

    /// <summary>A factory of its own, for tests that restart the API or change its key.</summary>
    /// <param name="dataDirectory">The data folder (SQLite, mock clouds, generated key file).</param>
    /// <param name="adminKey">The bootstrap admin key, or <c>null</c> to let the API generate <c>&lt;data&gt;/admin-api-key</c>.</param>
    /// <param name="deleteOnDispose">Whether disposing deletes the folder (false to start another factory on it).</param>
    public static ApiFactory On(string dataDirectory, string? adminKey, bool deleteOnDispose) => new(dataDirectory, adminKey, deleteOnDispose);

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), $"cb-api-tests-{Guid.NewGuid():N}");

    /// <summary>Deletes a data folder and, on a PostgreSQL run, its database (for tests that keep the data across factories).</summary>
    public static void DeleteData(string dataDirectory)
    {
        PostgresTestDatabase.ForDataDirectory(dataDirectory)?.Drop();
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>Every setting the fixture gives the API (also used by tests that assert against configuration).</summary>
    public IReadOnlyDictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["CloudBroker:DataDirectory"] = DataDirectory,
            ["CloudBroker:Database:Provider"] = _postgres is null ? "Sqlite" : "Postgres",
            ["CloudBroker:Provisioning:PollInterval"] = "00:00:00.05",
            ["CloudBroker:Provisioning:RetryBaseDelay"] = "00:00:00.05",
            ["CloudBroker:Provisioning:MaxRetryDelay"] = "00:00:00.2",
            ["CloudBroker:Provisioning:MaxAttempts"] = "3",
            ["CloudBroker:Outbox:PollInterval"] = "00:00:00.1",
            // Background reads of the providers are each test's choice: no scheduled reconciliation (ReconcilerFactory and
            // ReconcilerScheduleTests turn it on), and no health probe in the middle of a test that counts a fake's calls
            // (OutageFactory turns it on).
            ["CloudBroker:Reconciler:Interval"] = "00:00:00",
            ["CloudBroker:ProviderHealth:ProbeInterval"] = "01:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:CloudBroker"] = "Error",
            ["CloudBroker:Providers:broken:Driver"] = "nope",
            ["CloudBroker:Providers:flaky:Faults:Create:FailureRate"] = "1", // unreachable for creates: retried until the build timeout
            ["CloudBroker:Providers:flaky:BuildTimeout"] = "00:00:01",
            ["CloudBroker:Providers:lite:DisabledCapabilities"] = LiteDisabledCapabilities,
        };
        foreach (var provider in new[] { "mock", "lite", "flaky" })
        {
            AddMockProvider(settings, provider);
        }

        if (_postgres is not null)
        {
            settings["CloudBroker:Database:ConnectionString"] = _postgres.ConnectionString;
            settings["CloudBroker:Database:MigrateOnStartup"] = "true";
        }

        if (ConfiguredAdminKey is not null)
        {
            settings["CloudBroker:BootstrapAdminKey"] = ConfiguredAdminKey;
        }

        // The embedded libvirt test host is a default provider; tests of the mock providers leave it out
        // (see LibvirtProviderTests for the one that drives it).
        settings["CloudBroker:Providers:libvirt:Enabled"] = KeepEmbeddedLibvirt ? "true" : "false";
        AddSettings(settings);
        return settings;
    }

    /// <summary>A client that sends <c>Authorization: Bearer &lt;key&gt;</c> (the configured admin key by default).</summary>
    public HttpClient CreateAdminClient(string? key = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            key ?? ConfiguredAdminKey ?? throw new InvalidOperationException("this factory has no configured key; pass the generated one"));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        _postgres?.EnsureCreated();
        // UseSetting (host configuration) is visible while Program builds its services, unlike ConfigureAppConfiguration.
        foreach (var (key, value) in Settings())
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            if (_deleteOnDispose)
            {
                DeleteData(DataDirectory);
            }
        }
    }
}
