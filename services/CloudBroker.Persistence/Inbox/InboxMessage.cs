namespace CloudBroker.Persistence.Inbox;

/// <summary>
/// A message a consumer has handled, recorded in the same transaction as what handling it changed,
/// so a second delivery of the same message (at-least-once) changes nothing.
/// </summary>
public sealed class InboxMessage
{
    /// <summary>The message's id: derived from its outbox row, so a re-published row carries the same id.</summary>
    public required string MessageId { get; init; }

    public required string Consumer { get; init; }

    public DateTime ProcessedAt { get; init; }
}
