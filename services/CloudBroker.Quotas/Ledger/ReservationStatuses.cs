namespace CloudBroker.Quotas.Ledger;

public static class ReservationStatuses
{
    /// <summary>Accepted work that has not run yet: counted as reserved.</summary>
    public const string Reserved = "reserved";

    /// <summary>The work ran: counted as used.</summary>
    public const string Committed = "committed";

    /// <summary>Given back; only the budget already spent stays counted.</summary>
    public const string Released = "released";
}
