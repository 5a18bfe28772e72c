using CloudBroker.Contracts;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Secrets;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Accounting.Webhooks;

/// <summary>
/// Makes one attempt of a delivery in the worker role and records it: delivered on a 2xx, else the next attempt as a
/// timer row after the backoff (<see cref="WebhookOptions.RetryDelay"/>), or <c>failed</c> once every attempt is used.
/// A message for an attempt already made (a repeat, a duplicate) changes nothing: the attempt number must be the next
/// one, and the delivery's attempt count is its concurrency token. Delivery is at least once (a process that dies
/// between sending and recording sends again), so the body carries an id receivers may use to drop repeats.
/// </summary>
internal sealed partial class WebhookDeliveryConsumer(
    BrokerDbContext db, WebhookSecrets secrets, WebhookSender sender, TimeProvider time, IOptions<WebhookOptions> options,
    ILogger<WebhookDeliveryConsumer> logger) : IConsumer<DeliverWebhook>
{
    public async Task Consume(ConsumeContext<DeliverWebhook> context)
    {
        var message = context.Message;
        var cancellationToken = context.CancellationToken;
        var delivery = await db.Set<WebhookDelivery>().FirstOrDefaultAsync(d => d.Id == message.DeliveryId, cancellationToken);
        if (delivery is null || delivery.Status != WebhookDeliveryStatuses.Pending || delivery.Attempts + 1 != message.Attempt)
        {
            return; // deleted with its webhook, done, or this attempt was made already
        }

        var webhook = await db.Set<Webhook>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == delivery.WebhookId, cancellationToken);
        if (webhook is null)
        {
            return;
        }

        (int? StatusCode, string? Error) outcome;
        try
        {
            var secret = secrets.Open(webhook);
            try
            {
                outcome = await sender.SendAsync(webhook, delivery, secret, cancellationToken);
            }
            finally
            {
                Array.Clear(secret);
            }
        }
        catch (SecretUnreadableException)
        {
            outcome = (null, "the webhook's secret cannot be decrypted with the master keys this process holds; nothing was sent");
        }

        var now = time.GetUtcNow().UtcDateTime.ToStoredPrecision();
        var settings = options.Value;
        var delivered = outcome.Error is null;
        DateTime? next = !delivered && message.Attempt < settings.MaxAttempts ? now + settings.RetryDelay(message.Attempt) : null;
        delivery.Attempts = message.Attempt;
        delivery.NextAttemptAt = next;
        delivery.Status = delivered ? WebhookDeliveryStatuses.Delivered : next is null ? WebhookDeliveryStatuses.Failed : WebhookDeliveryStatuses.Pending;
        delivery.DeliveredAt = delivered ? now : null;
        db.Add(new WebhookAttempt { DeliveryId = delivery.Id, Number = message.Attempt, At = now, StatusCode = outcome.StatusCode, Error = outcome.Error, NextAttemptAt = next });
        if (next is { } due)
        {
            db.Enqueue(new DeliverWebhook(delivery.Id, message.Attempt + 1), now, due);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (!delivered)
        {
            Attempt_failed(logger, delivery.Id, webhook.Id, message.Attempt, outcome.StatusCode, outcome.Error, next);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to webhook {WebhookId}: attempt {Attempt} failed (status {StatusCode}: {Error}); next attempt {NextAttemptAt}")]
    private static partial void Attempt_failed(ILogger logger, string deliveryId, string webhookId, int attempt, int? statusCode, string? error, DateTime? nextAttemptAt);
}
