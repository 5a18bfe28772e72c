using System.Diagnostics;
using CloudBroker.Hosting;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Transient;
using Microsoft.Extensions.Options;

namespace CloudBroker.Api.Http;

/// <summary>
/// Runs a mutation without an <c>Idempotency-Key</c> again when the database turned it away for a moment
/// (<see cref="DatabaseRetry"/>), if the failed run committed nothing (<see cref="BrokerDbContext.Commits"/>): then it changed
/// nothing and running it again is the same request. A run that committed part of its work is not repeated; its failure is
/// answered (<c>503 database-busy</c>).
/// </summary>
internal sealed class DatabaseRetryMiddleware(
    RequestDelegate next, TransientDatabaseErrors errors, IOptions<BrokerSettings> settings, ILogger<DatabaseRetryMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!DatabaseRetry.IsMutation(request.Method) || request.Headers.ContainsKey(IdempotencyMiddleware.Header))
        {
            await next(context);
            return;
        }

        var db = context.RequestServices.GetRequiredService<BrokerDbContext>(); // the request's own, which the handler uses
        request.EnableBuffering();
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            var committed = db.Commits;
            TimeSpan pause;
            try
            {
                await next(context);
                return;
            }
            catch (Exception ex) when (!context.Response.HasStarted && db.Commits == committed
                                       && errors.Classify(ex) is var failure
                                       && DatabaseRetry.PauseBeforeAnotherRun(failure, attempt, clock.Elapsed, settings.Value.Database.ConnectionTimeout) is { } wait)
            {
                if (failure == DatabaseFailure.Contention)
                {
                    DatabaseRetry.LogRunAgain(logger, request.Method, request.Path.ToString(), attempt, DatabaseRetry.Attempts, ex);
                }

                pause = wait;
            }

            await DatabaseRetry.PrepareAnotherRunAsync(context, db, pause);
        }
    }
}
