using System.Diagnostics;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Transient;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Http;

/// <summary>
/// How the HTTP edge runs a mutation again after the database turned it away for a moment, before answering
/// <c>503 database-busy</c>:
/// <list type="bullet">
/// <item>it lost a race (<see cref="DatabaseFailure.Contention"/>: a deadlock or a serialization failure rolled its
/// transaction back): run again at once, at most <see cref="Attempts"/> runs;</item>
/// <item>the server refused it a connection (<see cref="DatabaseFailure.NoConnection"/>: too many clients): run again after
/// a short pause, for as long as the request would have waited for a connection of its own pool
/// (<c>CloudBroker:Database:ConnectionTimeout</c>), since one of them comes free as other requests finish;</item>
/// <item>anything else unavailable (the pool's wait already ran out, the connection was lost, perhaps while committing):
/// answered at once.</item>
/// </list>
/// Each run starts from what the request was, with nothing left of the failed one in the response or the request's
/// <see cref="BrokerDbContext"/>. Keyed requests are run again inside their key's claim (<see cref="IdempotencyMiddleware"/>),
/// the others whole (<see cref="DatabaseRetryMiddleware"/>).
/// </summary>
internal static partial class DatabaseRetry
{
    public const int Attempts = 3;

    /// <summary>What <c>Retry-After</c> says when the database is busy, in seconds.</summary>
    public const int RetryAfterSeconds = 1;

    public static bool IsMutation(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    /// <summary>Whether a run that failed with <paramref name="failure"/> may run again, and after how long a pause.</summary>
    public static TimeSpan? PauseBeforeAnotherRun(DatabaseFailure failure, int attempt, TimeSpan sinceFirstRun, TimeSpan connectionWait) => failure switch
    {
        DatabaseFailure.Contention => PauseAfterContention(attempt),
        DatabaseFailure.NoConnection when sinceFirstRun < connectionWait => TimeSpan.FromMilliseconds(Random.Shared.Next(50, 200)),
        _ => null,
    };

    /// <summary>10–50 ms per run so far (two racers do not meet again), or <c>null</c> after the last run.</summary>
    public static TimeSpan? PauseAfterContention(int attempt) =>
        attempt < Attempts ? TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50) * attempt) : null;

    /// <summary>Undoes what a failed run left behind, then pauses.</summary>
    public static async Task PrepareAnotherRunAsync(HttpContext context, BrokerDbContext db, TimeSpan pause)
    {
        db.ChangeTracker.Clear();
        context.Response.Clear(); // status, headers, and a buffered body
        context.Request.Body.Position = 0; // buffered (EnableBuffering) before the first run
        await Task.Delay(pause, context.RequestAborted);
    }

    /// <summary>Opens the context's connection, waiting for the server to accept one as long as for a pooled one.</summary>
    public static async Task OpenConnectionAsync(BrokerDbContext db, TransientDatabaseErrors errors, TimeSpan connectionWait, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (PauseBeforeAnotherRun(errors.Classify(ex), attempt, clock.Elapsed, connectionWait) is { } pause)
            {
                await Task.Delay(pause, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} lost a race in the database (run {Attempt} of {Attempts}); running it again")]
    public static partial void LogRunAgain(ILogger logger, string method, string path, int attempt, int attempts, Exception exception);
}
