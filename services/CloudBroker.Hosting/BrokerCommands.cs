using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Hosting;

/// <summary>
/// The verbs both hosts understand. No verb runs the broker; <c>migrate</c> applies the database's pending
/// migrations and exits (the scaled-out mode's one-off step before processes of a new version start).
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
                await host.RunAsync();
                return 0;
            case Migrate:
                await MigrateAsync(host);
                return 0;
            case var verb:
                await Console.Error.WriteLineAsync($"unknown command '{verb}': run without one to start CloudBroker, or 'migrate' to apply database migrations and exit");
                return 2;
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
