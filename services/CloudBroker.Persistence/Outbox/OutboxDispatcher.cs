using System.Diagnostics;
using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Transient;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Persistence.Outbox;

/// <summary>
/// Publishes committed outbox rows whose time has come and marks them sent. Rows are claimed with a
/// lock that expires, so several dispatchers may run and one that dies mid-batch only delays its rows.
/// A row is published at least once, always with the same message id (<see cref="OutboxContracts.MessageIdOf"/>),
/// so consumers' inboxes absorb a second delivery. A commit of new rows wakes it at once; it also looks every
/// <see cref="OutboxOptions.PollInterval"/>, for rows whose time came and commits it was not told of.
/// </summary>
internal sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IBus bus,
    IOutboxClaim claim,
    [FromKeyedServices(typeof(OutboxMessage))] WakeSignal committed,
    TransientDatabaseErrors databaseErrors,
    TimeProvider time,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger) : PeriodicWork(time, databaseErrors, logger)
{
    private static readonly TimeSpan BacklogCountInterval = TimeSpan.FromSeconds(5);

    private DateTime _nextPurge = DateTime.MinValue;

    private DateTime _nextCount = DateTime.MinValue;

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override bool RunsAtStart => true;

    protected override WakeSignal Wake => committed;

    protected override Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken) => DispatchDueAsync(options.Value, cancellationToken);

    /// <summary>Publishes one batch of due rows; returns how long to sleep before the next look.</summary>
    private async Task<TimeSpan> DispatchDueAsync(OutboxOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var now = Time.GetUtcNow().UtcDateTime;
        if (now >= _nextCount)
        {
            // For the backlog gauge: a count on the (sent, not-before) index, a few times a minute at most,
            // and first, so a full batch (which returns early) still updates it.
            OutboxTelemetry.Counted(await db.Outbox.CountAsync(m => m.SentAt == null && m.NotBefore <= now, cancellationToken));
            _nextCount = now + BacklogCountInterval;
        }

        var due = await claim.ClaimDueAsync(db, now, settings, cancellationToken);
        if (due.Count > 0)
        {
            var published = await PublishAsync(due, settings.PublishTimeout, cancellationToken);
            var sentAt = Time.GetUtcNow().UtcDateTime;
            foreach (var row in due)
            {
                if (published.Contains(row))
                {
                    row.SentAt = sentAt;
                }
                else
                {
                    row.LockedUntil = null; // Not confirmed (the broker may be down): free for the next round.
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            if (published.Count < due.Count)
            {
                LogPublishFailed(Logger, due.Count - published.Count, due.Count);
                return settings.PollInterval;
            }

            if (due.Count == settings.BatchSize)
            {
                return TimeSpan.Zero;
            }
        }

        if (now >= _nextPurge)
        {
            // Sent rows are history, not state: keep them a while for diagnosis, then drop them.
            var cutoff = now - settings.SentRetention;
            await db.Outbox.Where(m => m.SentAt != null && m.SentAt < cutoff).ExecuteDeleteAsync(cancellationToken);
            await db.Set<Inbox.InboxMessage>().Where(m => m.ProcessedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
            _nextPurge = now + TimeSpan.FromMinutes(10);
        }

        var next = await db.Outbox
            .Where(m => m.SentAt == null)
            .OrderBy(m => m.NotBefore)
            .Select(m => (DateTime?)m.NotBefore)
            .FirstOrDefaultAsync(cancellationToken);
        if (next is null)
        {
            return settings.PollInterval;
        }

        var untilNext = next.Value - Time.GetUtcNow().UtcDateTime;
        return untilNext < settings.PollInterval ? untilNext : settings.PollInterval;
    }

    /// <summary>
    /// Publishes the rows concurrently (never one await after another: a confirm is a round trip), each
    /// within <paramref name="timeout"/>, so a bus that is down fails the batch instead of holding it.
    /// </summary>
    private async Task<HashSet<OutboxMessage>> PublishAsync(List<OutboxMessage> rows, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var attempts = rows.Select(async row =>
        {
            var (message, type) = OutboxContracts.FromRow(row);
            var messageId = OutboxContracts.MessageIdOf(row);
            using var span = OutboxTelemetry.StartPublish(row);
            try
            {
                await bus.Publish(message, type, context => context.MessageId = messageId, deadline.Token);
                OutboxTelemetry.Published(row, Time.GetUtcNow().UtcDateTime);
                return row;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                LogPublishError(Logger, row.Id, ex);
                return null;
            }
        });
        return [.. (await Task.WhenAll(attempts)).OfType<OutboxMessage>()];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bus did not take {Failed} of {Count} outbox rows; they are retried")]
    private static partial void LogPublishFailed(ILogger logger, int failed, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Publishing outbox row {RowId} failed")]
    private static partial void LogPublishError(ILogger logger, long rowId, Exception exception);
}
