using System.Text.Json;
using System.Text.Json.Nodes;
using CloudBroker.Contracts;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Accounting.Webhooks;

/// <summary>
/// Turns an event into one delivery per webhook of its tenant, in the caller's transaction: the delivery row with its
/// body and the first <see cref="DeliverWebhook"/> outbox row, so nothing is sent unless the event commits, and
/// nothing is sent on the path of a request (the worker sends it).
/// </summary>
public static class WebhookFanOut
{
    public static async Task<int> EnqueueAsync(
        BrokerDbContext db, string tenantId, string eventType, string eventId, JsonObject data, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var webhookIds = await db.Set<Webhook>().AsNoTracking().Where(w => w.TenantId == tenantId)
            .OrderBy(w => w.Id).Select(w => w.Id).ToListAsync(cancellationToken);
        foreach (var webhookId in webhookIds)
        {
            var id = Guid.CreateVersion7(now).ToString();
            var body = new JsonObject
            {
                ["id"] = id,
                ["type"] = eventType,
                ["createdAt"] = now.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture),
                ["tenantId"] = tenantId,
                ["data"] = data.DeepClone(),
            };
            db.Add(new WebhookDelivery
            {
                Id = id, WebhookId = webhookId, TenantId = tenantId, EventType = eventType, EventId = eventId,
                Body = body.ToJsonString(JsonOptions), CreatedAt = now, Status = WebhookDeliveryStatuses.Pending, NextAttemptAt = now,
            });
            db.Enqueue(new DeliverWebhook(id, 1), now);
        }

        return webhookIds.Count;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };
}
