using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Persistence.Inbox;

public static class InboxDbContextExtensions
{
    /// <summary>Whether <paramref name="consumer"/> already handled the message (a repeat delivery).</summary>
    public static Task<bool> HandledAsync(this BrokerDbContext db, Guid? messageId, string consumer, CancellationToken cancellationToken) =>
        messageId is { } id
            ? db.Set<InboxMessage>().AnyAsync(m => m.MessageId == id.ToString() && m.Consumer == consumer, cancellationToken)
            : Task.FromResult(false);

    /// <summary>Records the message as handled, in the transaction that commits what handling it changed.</summary>
    public static void MarkHandled(this BrokerDbContext db, Guid? messageId, string consumer, DateTime now)
    {
        if (messageId is { } id)
        {
            db.Add(new InboxMessage { MessageId = id.ToString(), Consumer = consumer, ProcessedAt = now });
        }
    }
}
