using CloudBroker.Persistence.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CloudBroker.Hosting.Tests;

/// <summary>
/// Each process's PostgreSQL pool is bounded by default (Npgsql's own default of 100 per process let a handful of
/// processes exhaust a stock server), the listeners have a small pool of their own, and an operator's connection string
/// keywords win over the broker's defaults.
/// </summary>
public sealed class DatabasePoolTests
{
    private const string Server = "Host=db.internal;Database=cloudbroker;Username=cloudbroker;Password=secret";

    public static TheoryData<string, Dictionary<string, string?>, int, int> Pools => new()
    {
        { Server, new(), 20, 5 },
        { Server, new() { ["CloudBroker:Database:MaxPoolSize"] = "7", ["CloudBroker:Database:ConnectionTimeout"] = "00:00:02" }, 7, 2 },
        { Server + ";Maximum Pool Size=50;Timeout=9", new() { ["CloudBroker:Database:MaxPoolSize"] = "7" }, 50, 9 },
        { Server + ";maxpoolsize=40", new(), 40, 5 },
    };

    [Theory]
    [MemberData(nameof(Pools))]
    public void A_process_pool_is_bounded_unless_its_connection_string_says_otherwise(
        string connectionString, Dictionary<string, string?> settings, int maxPoolSize, int timeoutSeconds)
    {
        using var process = Process(connectionString, settings);

        var pool = new NpgsqlConnectionStringBuilder(process.GetRequiredService<NpgsqlDataSource>().ConnectionString);
        Assert.Equal((maxPoolSize, timeoutSeconds), (pool.MaxPoolSize, pool.Timeout));
        Assert.Equal("db.internal", pool.Host);
    }

    [Fact]
    public void The_listeners_have_a_pool_of_their_own_which_may_bypass_a_transaction_pooler()
    {
        using var process = Process(Server.Replace("db.internal", "pgbouncer.internal", StringComparison.Ordinal), new()
        {
            ["CloudBroker:Database:ListenConnectionString"] = Server,
        });

        var work = new NpgsqlConnectionStringBuilder(process.GetRequiredService<NpgsqlDataSource>().ConnectionString);
        var listeners = new NpgsqlConnectionStringBuilder(
            process.GetRequiredKeyedService<NpgsqlDataSource>(PostgresServiceCollectionExtensions.ListenerSource).ConnectionString);
        Assert.Equal(("pgbouncer.internal", 20), (work.Host, work.MaxPoolSize));
        Assert.Equal(("db.internal", PostgresConnectionStrings.ListenerPoolSize), (listeners.Host, listeners.MaxPoolSize));
    }

    /// <summary>The services an API process (both roles, the default) composes on PostgreSQL; nothing is started.</summary>
    private static ServiceProvider Process(string connectionString, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["CloudBroker:Database:Provider"] = "Postgres",
            ["CloudBroker:Database:ConnectionString"] = connectionString,
            ["CloudBroker:DataDirectory"] = Path.GetTempPath(),
        });
        builder.AddCloudBroker(BrokerHost.Api, []);
        return builder.Services.BuildServiceProvider();
    }
}
