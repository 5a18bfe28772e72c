using CloudBroker.Quotas.Pricing;

namespace CloudBroker.Quotas.Ledger;

/// <summary>
/// The only ways a reservation changes. Each keeps <see cref="Reservation.BudgetMicros"/> equal to what the row
/// counts in its period, so counters stay the exact sum of the ledger (see docs/quotas.md).
/// </summary>
internal static class ReservationTransitions
{
    /// <summary>The work ran. Returns <c>true</c> when the row had been released (expired): reality beats the estimate, so it counts again.</summary>
    public static bool Commit(Reservation reservation, BudgetPeriod period, DateTime now)
    {
        switch (reservation.Status)
        {
            case ReservationStatuses.Reserved:
                Carry(reservation, period);
                reservation.Status = ReservationStatuses.Committed;
                Touch(reservation, now);
                return false;
            case ReservationStatuses.Released:
                var spent = reservation.Period == period.Key ? reservation.BudgetMicros : 0;
                reservation.Period = period.Key;
                reservation.BudgetMicros = spent + period.CostFrom(reservation.HourlyMicros, now);
                reservation.Status = ReservationStatuses.Committed;
                Touch(reservation, now);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Gives the reservation back: all of it if the work never ran, else the rest of the month's budget.</summary>
    public static void Release(Reservation reservation, BudgetPeriod period, DateTime now)
    {
        if (reservation.Status == ReservationStatuses.Released)
        {
            return;
        }

        Carry(reservation, period);
        reservation.BudgetMicros = reservation.Status == ReservationStatuses.Reserved
            ? 0
            : reservation.BudgetMicros - Math.Min(reservation.BudgetMicros, period.Refund(reservation.HourlyMicros, now));
        reservation.Status = ReservationStatuses.Released;
        Touch(reservation, now);
    }

    /// <summary>
    /// What a line's budget becomes once usage is rated up to <paramref name="ratedTo"/> in <paramref name="period"/>:
    /// the estimate of what is not rated yet. A live line: its hourly price from <c>max(acceptance, ratedTo)</c> to the
    /// month's end (and it moves into the month); a line released this month: its hourly price from there to its release
    /// (<see cref="Reservation.UpdatedAt"/>: nothing changes a released line but this), never more than it held; any
    /// other line keeps what it has. Returns whether the line changed; a change moves <see cref="Reservation.Version"/>,
    /// so a save that read the line before fails its concurrency check and runs again with the new amount.
    /// </summary>
    public static bool Rate(Reservation reservation, BudgetPeriod period, DateTime ratedTo)
    {
        var from = reservation.CreatedAt > ratedTo ? reservation.CreatedAt : ratedTo;
        long budget;
        if (reservation.Status != ReservationStatuses.Released)
        {
            budget = period.CostFrom(reservation.HourlyMicros, from);
        }
        else if (reservation.Period == period.Key)
        {
            var releasedAt = reservation.UpdatedAt;
            budget = from >= releasedAt ? 0
                : Math.Min(reservation.BudgetMicros, Math.Max(0, period.CostFrom(reservation.HourlyMicros, from) - period.Refund(reservation.HourlyMicros, releasedAt)));
        }
        else
        {
            return false;
        }

        if (budget == reservation.BudgetMicros && reservation.Period == period.Key)
        {
            return false;
        }

        reservation.BudgetMicros = budget;
        reservation.Period = period.Key;
        reservation.Version++;
        return true;
    }

    /// <summary>
    /// Moves a live reservation of an older month into <paramref name="period"/> at the full month's cost: a machine
    /// alive when a month begins is estimated to run all of it. That is what the line counts in this month already
    /// (<see cref="BudgetPeriod.Counted"/>), so moving it changes no counter; it is moved when it changes anyway, so that
    /// its refund is taken from this month's amount.
    /// </summary>
    public static void Carry(Reservation reservation, BudgetPeriod period)
    {
        if (string.CompareOrdinal(reservation.Period, period.Key) < 0 && reservation.Status != ReservationStatuses.Released)
        {
            reservation.Period = period.Key;
            reservation.BudgetMicros = period.FullCost(reservation.HourlyMicros);
        }
    }

    private static void Touch(Reservation reservation, DateTime now)
    {
        reservation.UpdatedAt = now;
        reservation.Version++;
    }
}
