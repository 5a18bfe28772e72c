using System.Globalization;
using System.Text.Json.Nodes;
using CloudBroker.Accounting.Webhooks;
using CloudBroker.Contracts;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Quotas;
using CloudBroker.Quotas.Limits;
using CloudBroker.Quotas.Pricing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudBroker.Accounting.Alerts;

/// <summary>
/// Raises the budget alerts a tenant's counters call for, in the caller's transaction (the rating run's, after it
/// wrote the month's charges and recounted the budgets): for each of the tenant's budget scopes of the month with a
/// limit, every threshold of its <c>warnAt</c> list that its rated cost (<c>used</c>; the estimate of the rest of the
/// month in <c>reserved</c> raises nothing) reached (<see cref="BudgetWarnings.Crossed(IReadOnlyList{int}, long?, long)"/>)
/// and that has no alert yet becomes an
/// <see cref="Alert"/>, a <see cref="BudgetThresholdCrossed"/> event through the outbox and a delivery to each of the
/// tenant's webhooks. The alert's unique key (scope, id, month, threshold) makes a re-run, or a run in another
/// process, raise nothing twice.
/// </summary>
public sealed class BudgetAlerts(IOptions<QuotaOptions> options)
{
    public async Task<int> RaiseAsync(BrokerDbContext db, string tenantId, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var period = BudgetPeriod.Of(now).Key;
        var currency = options.Value.Currency;
        var budgets = await db.Set<Quota>().AsNoTracking()
            .Where(q => q.TenantId == tenantId && q.Period == period && q.Budget.Limit != null)
            .ToListAsync(cancellationToken);
        var reached = budgets
            .SelectMany(q => BudgetWarnings.Crossed(BudgetWarnings.Parse(q.BudgetWarnAt), q.Budget.Limit, q.Budget.Used)
                .Select(t => (Quota: q, Threshold: t, Key: KeyOf(q.Scope, q.ScopeId, period, t))))
            .ToList();
        if (reached.Count == 0)
        {
            return 0;
        }

        var keys = reached.Select(r => r.Key).ToList();
        var raised = await db.Set<Alert>().Where(a => keys.Contains(a.Key)).Select(a => a.Key).ToListAsync(cancellationToken);
        var count = 0;
        foreach (var (quota, threshold, key) in reached.Where(r => !raised.Contains(r.Key)))
        {
            var alert = new Alert
            {
                Id = Guid.CreateVersion7(now).ToString(), Key = key, TenantId = tenantId, Kind = AlertKinds.BudgetThreshold,
                Scope = quota.Scope, ScopeId = quota.ScopeId, Period = period, Threshold = threshold,
                LimitMicros = quota.Budget.Limit!.Value, UsedMicros = quota.Budget.Used, Currency = currency, RaisedAt = now,
            };
            db.Add(alert);
            db.Enqueue(new BudgetThresholdCrossed(alert.Id, tenantId, alert.Scope, alert.ScopeId, period, threshold,
                MicroUnits.Format(alert.LimitMicros), MicroUnits.Format(alert.UsedMicros), currency, now), now);
            await WebhookFanOut.EnqueueAsync(db, tenantId, WebhookEvents.BudgetThresholdCrossed, alert.Id, Data(alert), now, cancellationToken);
            count++;
        }

        return count;
    }

    /// <summary>The alert as a webhook's <c>data</c>: the same fields as <c>GET /api/alerts</c> answers.</summary>
    public static JsonObject Data(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new JsonObject
        {
            ["id"] = alert.Id,
            ["kind"] = alert.Kind,
            ["tenantId"] = alert.TenantId,
            ["scope"] = alert.Scope,
            ["scopeId"] = alert.ScopeId,
            ["period"] = alert.Period,
            ["threshold"] = alert.Threshold,
            ["limit"] = MicroUnits.Format(alert.LimitMicros),
            ["used"] = MicroUnits.Format(alert.UsedMicros),
            ["currency"] = alert.Currency,
            ["raisedAt"] = alert.RaisedAt.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
        };
    }

    private static string KeyOf(string scope, string scopeId, string period, int threshold) =>
        string.Create(CultureInfo.InvariantCulture, $"{scope}/{scopeId}/{period}/{threshold}");
}
