using CloudBroker.Testing.Postgres;
using Npgsql;

namespace CloudBroker.Hosting.Tests;

/// <summary>
/// A process that runs only some roles shares its work with other processes, so it must be on the shared
/// engines, and a configured bootstrap admin key must be long enough; every wrong setting is refused at startup
/// with the setting to change, before anything runs.
/// </summary>
public sealed class TopologyTests
{
    private static readonly Dictionary<string, string> Postgres = new()
    {
        ["CloudBroker__Database__Provider"] = "Postgres",
        ["CloudBroker__Database__ConnectionString"] = "Host=127.0.0.1;Port=1;Database=none",
    };

    public static TheoryData<string, Dictionary<string, string>, string> Refusals => new()
    {
        { "CloudBroker.Worker", new(), "CloudBroker__Database__Provider=Postgres" },
        { "CloudBroker.Worker", Postgres, "CloudBroker__Bus__Transport=RabbitMq" },
        { "CloudBroker.Api", new() { ["CloudBroker__Roles"] = "api" }, "Now: database Sqlite, bus InMemory" },
        { "CloudBroker.Api", new() { ["CloudBroker__Roles"] = "worker" }, "run a worker-only process with services/CloudBroker.Worker" },
        { "CloudBroker.Worker", new() { ["CloudBroker__Roles"] = "api,worker" }, "the worker host runs the 'worker' role only" },
        { "CloudBroker.Api", new() { ["CloudBroker__Roles"] = "api,scheduler" }, "unknown role 'scheduler'" },
        { "CloudBroker.Api", new() { ["CloudBroker__Database__Provider"] = "Postgres" }, "needs CloudBroker__Database__ConnectionString" },
        { "CloudBroker.Api", new() { ["CloudBroker__Bus__Transport"] = "RabbitMq" }, "needs CloudBroker__Bus__RabbitMq__Uri" },
        { "CloudBroker.Api", new() { ["CloudBroker__Bus__StopTimeout"] = "00:00:00" }, "CloudBroker__Bus__StopTimeout=00:00:00: the steps in hand need some time" },
        { "CloudBroker.Api", new() { ["CloudBroker__Database__Provider"] = "MySql" }, "use 'Sqlite' or 'Postgres'" },
        { "CloudBroker.Api", new() { ["CloudBroker__Database__MaxPoolSize"] = "0" }, "a pool needs at least 1 connection" },
        { "CloudBroker.Api", new() { ["CloudBroker__Database__ConnectionTimeout"] = "00:00:00.5" }, "use at least 00:00:01" },
        { "CloudBroker.Api", new() { ["CloudBroker__Auth__Oidc__Issuer"] = "https://idp.test" }, "CloudBroker__Auth__Oidc__Audience must be too" },
        { "CloudBroker.Api", new() { ["CloudBroker__BootstrapAdminKey"] = "0123456789abcdef0123456789abcde" }, "CloudBroker__BootstrapAdminKey setting must be at least 32 characters" },
        {
            "CloudBroker.Api", new() { ["CloudBroker__Auth__Oidc__Issuer"] = "https://idp.test", ["CloudBroker__Auth__Oidc__Audience"] = "api", ["CloudBroker__Auth__Oidc__JwksFile"] = "/nonexistent/jwks.json" },
            "CloudBroker__Auth__Oidc__JwksFile must name the issuer's JWKS file"
        },
        {
            "CloudBroker.Api", new() { ["CloudBroker__Auth__Oidc__Issuer"] = "https://idp.test", ["CloudBroker__Auth__Oidc__Audience"] = "api", ["CloudBroker__Auth__Oidc__JwksFile"] = typeof(TopologyTests).Assembly.Location, ["CloudBroker__Auth__Oidc__MaxTokenLifetime"] = "00:00:00" },
            "CloudBroker__Auth__Oidc__MaxTokenLifetime must be positive"
        },
        { "CloudBroker.Api", new() { ["CloudBroker__RateLimits__PerCaller__Burst"] = "0" }, "CloudBroker__RateLimits__PerCaller: a rate limit needs RequestsPerSecond > 0 and Burst >= 1" },
        { "CloudBroker.Api", new() { ["CloudBroker__RateLimits__FailedAuthentication__RequestsPerSecond"] = "0" }, "CloudBroker__RateLimits__FailedAuthentication: a rate limit needs" },
        { "CloudBroker.Api", new() { ["CloudBroker__PublicUrl"] = "cloud.example.com" }, "CloudBroker__PublicUrl must be an absolute http or https URL" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_wrong_combination_is_refused_with_the_setting_to_change(string host, Dictionary<string, string> settings, string expected)
    {
        var run = await HostRun.RunAsync(host, settings);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("CloudBroker cannot start: ", run.Output, StringComparison.Ordinal);
        Assert.Contains(expected, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal); // a message, not a stack trace
    }

    [Fact]
    public async Task A_postgres_process_refuses_an_unmigrated_schema_and_names_the_migrate_command()
    {
        await using var database = await ScratchPostgresDatabase.CreateAsync("cb_host", TestContext.Current.CancellationToken);
        var settings = new Dictionary<string, string>
        {
            ["CloudBroker__Database__Provider"] = "Postgres",
            ["CloudBroker__Database__ConnectionString"] = database.ConnectionString,
            ["CloudBroker__Providers__libvirt__Enabled"] = "false",
            ["CloudBroker__DataDirectory"] = Directory.CreateTempSubdirectory("cb-host-").FullName,
            ["urls"] = "http://127.0.0.1:0",
        };

        var worker = new Dictionary<string, string>(settings) { ["CloudBroker__Bus__Transport"] = "RabbitMq", ["CloudBroker__Bus__RabbitMq__Uri"] = "amqp://127.0.0.1:1/" };
        foreach (var (host, environment) in new[] { ("CloudBroker.Api", settings), ("CloudBroker.Worker", worker) })
        {
            var refused = await HostRun.RunAsync(host, environment);
            Assert.True(refused.ExitCode == 1, $"{host}: exit code {refused.ExitCode}:\n{refused.Output}");
            var refusal = Assert.Single(refused.Output.Split('\n'), line => line.StartsWith("CloudBroker cannot start: ", StringComparison.Ordinal));
            Assert.Contains("pending migration(s)", refusal, StringComparison.Ordinal);
            Assert.Contains("'migrate' command", refusal, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", refused.Output, StringComparison.Ordinal); // a message, not a stack trace
        }

        var migrate = await HostRun.RunAsync("CloudBroker.Worker", settings, "migrate");
        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("Applied", migrate.Output, StringComparison.Ordinal);
        Assert.Empty(await PendingMigrationsAsync(database.ConnectionString));

        var again = await HostRun.RunAsync("CloudBroker.Worker", settings, "migrate");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Applied 0 migration(s)", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_refused()
    {
        var run = await HostRun.RunAsync("CloudBroker.Api", new Dictionary<string, string>(), "migrat");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown command 'migrat'", run.Output, StringComparison.Ordinal);
    }

    /// <summary>Migrations EF Core's history table does not list yet (as a count, when any).</summary>
    private static async Task<List<string>> PendingMigrationsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
        var applied = (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        var known = typeof(Persistence.Postgres.PostgresServiceCollectionExtensions).Assembly.GetTypes()
            .Count(t => t.Namespace == "CloudBroker.Persistence.Postgres.Migrations" && t.BaseType?.Name == "Migration");
        NpgsqlConnection.ClearPool(connection); // the database is dropped next
        return applied == known ? [] : [$"{known - applied} of {known}"];
    }
}
