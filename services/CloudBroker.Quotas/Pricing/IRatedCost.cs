using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Quotas.Pricing;

/// <summary>
/// A scope's rated month-to-date cost: what its budget counts as <c>used</c> (Accounting's charges; Quotas only asks).
/// Read in the caller's transaction, so a rating run that just wrote charges, and the month rollover that holds a
/// counter lock, both sum what that transaction sees.
/// </summary>
public interface IRatedCost
{
    /// <summary>
    /// The billed charges of <paramref name="period"/> of the instances whose allocation line counts in the scope, summed,
    /// in micro-units rounded up. <paramref name="tenantId"/> narrows the search (<c>null</c> for a provider).
    /// </summary>
    Task<long> MonthToDateAsync(DbContext db, string scope, string scopeId, string? tenantId, BudgetPeriod period, CancellationToken cancellationToken);
}
