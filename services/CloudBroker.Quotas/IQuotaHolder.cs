namespace CloudBroker.Quotas;

/// <summary>
/// An entity whose state decides its reservations (an instance). When a save changes its phase,
/// <see cref="QuotaInterceptor"/> settles its reservations in the same transaction, whichever code moved it.
/// </summary>
public interface IQuotaHolder
{
    string Id { get; }

    /// <summary>The mapped property whose changes can change the phase.</summary>
    string QuotaStateProperty { get; }

    /// <summary>The phase a value of <see cref="QuotaStateProperty"/> means.</summary>
    QuotaPhase PhaseOf(object? state);
}
