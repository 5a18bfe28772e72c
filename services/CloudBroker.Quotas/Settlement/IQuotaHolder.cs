namespace CloudBroker.Quotas.Settlement;

/// <summary>
/// An entity whose moves decide its reservations (an instance). <see cref="ReservationSettlement.Settle"/> notes the
/// phase a move put it in; the save that writes the move settles its reservations and clears the note.
/// </summary>
public interface IQuotaHolder
{
    string Id { get; }

    /// <summary>The phase a move put it in whose reservations are not settled yet, else <c>null</c>. Never stored.</summary>
    QuotaPhase? Unsettled { get; set; }
}
