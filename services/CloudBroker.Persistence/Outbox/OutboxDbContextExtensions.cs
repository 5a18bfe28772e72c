namespace CloudBroker.Persistence.Outbox;

public static class OutboxDbContextExtensions
{
    /// <summary>Adds a message to the transaction being built; it is published once the save commits.</summary>
    public static void Enqueue(this BrokerDbContext db, object message, DateTime now, DateTime? notBefore = null) =>
        db.Outbox.Add(OutboxContracts.ToRow(message, now, notBefore));
}
