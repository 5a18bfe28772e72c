using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Hosting;

/// <summary>
/// The verbs both hosts understand. No verb runs the broker until it is stopped (a start that fails ends the process
/// as a <see cref="StartRefusal"/>); <c>migrate</c> applies the database's pending migrations and exits (the scaled-out
/// mode's one-off step before processes of a new version start).
/// </summary>
public static partial class BrokerCommands
{
    public const string Migrate = "migrate";

    /// <summary>
    /// The verb: the first argument when it is not a setting (<c>--urls http://…</c>, <c>--key=value</c>,
    /// <c>Key=value</c>); a setting's value later on is never taken for one. <c>null</c> runs the broker.
    /// </summary>
    public static string? VerbOf(string[] args) =>
        args is [var first, ..] && !first.StartsWith('-') && !first.Contains('=', StringComparison.Ordinal) ? first : null;

    public static async Task<int> RunBrokerAsync(this IHost host, string[] args)
    {
        switch (VerbOf(args))
        {
            case null:
                return await ServeAsync(host);
            case Migrate:
                await MigrateAsync(host);
                return 0;
            case var verb:
                await Console.Error.WriteLineAsync($"unknown command '{verb}': run without one to start CloudBroker, or 'migrate' to apply database migrations and exit");
                return 2;
        }
    }

    /// <summary>
    /// <see cref="HostingAbstractionsHostExtensions.RunAsync"/>, except that a start that fails ends the process as a
    /// <see cref="StartRefusal"/> instead of being thrown out of <c>Main</c> (the host's own "Hosting failed to start" is not
    /// logged: <see cref="BrokerDefaults"/>). Such a host is left as it is: disposing it would stop a bus that never started,
    /// and say so; the process is ending.
    /// </summary>
    private static async Task<int> ServeAsync(IHost host)
    {
        try
        {
            await host.StartAsync();
        }
        catch (Exception ex)
        {
            return await StartRefusal.ReportAsync(ex);
        }

        try
        {
            await host.WaitForShutdownAsync();
            return 0;
        }
        finally
        {
            if (host is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
            else
            {
                host.Dispose();
            }
        }
    }

    private static async Task MigrateAsync(IHost host)
    {
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BrokerCommands));
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        var applied = string.Join(", ", pending);
        LogMigrated(logger, pending.Count, applied);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s): {Migrations}")]
    private static partial void LogMigrated(ILogger logger, int count, string migrations);
}
