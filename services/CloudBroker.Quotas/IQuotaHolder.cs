namespace CloudBroker.Quotas;

/// <summary>
/// An entity whose state decides its reservations (an instance). When a save changes its phase,
/// <see cref="QuotaInterceptor"/> settles its reservations in the same transaction, whichever code moved it.
/// </summary>
public interface IQuotaHolder
{
    string Id { get; }

    QuotaPhase QuotaPhase { get; }
}
