namespace CloudBroker.Quotas;

/// <summary><c>CloudBroker:Quotas</c>.</summary>
public sealed class QuotaOptions
{
    public const string Section = "CloudBroker:Quotas";

    /// <summary>
    /// <c>false</c> turns quota accounting off: no reservations, counters or checks (measures its cost; see
    /// docs/performance.md). Usage is not known for what ran while it was off.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The currency budgets are set and counted in; every provider's prices must use it.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>How long past its operation's deadline a reservation may stay <c>reserved</c> before the sweeper releases it.</summary>
    public TimeSpan ReservationMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the worker looks for expired reservations.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}
