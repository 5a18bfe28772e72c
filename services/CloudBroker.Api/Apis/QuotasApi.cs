using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Providers;
using CloudBroker.Quotas;
using CloudBroker.Quotas.Limits;
using CloudBroker.Quotas.Pricing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudBroker.Api.Apis;

/// <summary>
/// Quotas of tenants, groups, users and providers: limits and warning thresholds (PUT with If-Match) and what
/// each scope uses now. Every create and start is checked against all of its scopes when it is accepted.
/// </summary>
internal static class QuotasApi
{
    public static void MapQuotasApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/quotas").WithTags("Quotas");
        group.MapGet("/", List).Allow(AccessRule.Read).AllowQuery("scope", "scopeId", "limit", "cursor")
            .WithSummary("Quotas you can see (your tenant's tenant, group and user quotas; the broker's admins, auditors and finance see all)").ProducesProblem(400);
        group.MapGet("/{scope}/{id}", Get).Allow(AccessRule.Read).AllowQuery()
            .WithSummary("One scope's limits and warning thresholds, with its ETag").ProducesProblem(403).ProducesProblem(404);
        group.MapPut("/{scope}/{id}", Put).Allow(AccessRule.ManageTenant).AllowQuery()
            .WithSummary("Set a scope's limits and warning thresholds (If-Match required)")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(428);
        group.MapGet("/{scope}/{id}/usage", Usage).Allow(AccessRule.Read).AllowQuery()
            .WithSummary("What a scope uses and has reserved against each limit this month").ProducesProblem(403).ProducesProblem(404);
    }

    private static async Task<Ok<Page<QuotaModel>>> List(
        HttpContext http, BrokerDbContext db, IOptions<QuotaOptions> options, string? scope, string? scopeId, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var caller = Caller.From(http.User);
        if (scope is not null && !QuotaScopes.IsKnown(scope))
        {
            throw ProblemException.InvalidParameter("scope", "is not a quota scope", new FieldLimit(Values: [.. QuotaScopes.LockOrder]));
        }

        var query = db.Set<Quota>().AsNoTracking();
        if (!caller.ReadsEveryTenant)
        {
            query = query.Where(q => q.TenantId == caller.TenantId && q.Scope != QuotaScopes.Provider);
        }

        if (scope is not null)
        {
            query = query.Where(q => q.Scope == scope);
        }

        if (scopeId is not null)
        {
            query = query.Where(q => q.ScopeId == scopeId);
        }

        if (page.After is not null)
        {
            query = query.Where(q => string.Compare(q.Scope + "/" + q.ScopeId, page.After) > 0);
        }

        var fetched = await query.OrderBy(q => q.Scope + "/" + q.ScopeId).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Cut(fetched, q => q.Scope + "/" + q.ScopeId);
        return TypedResults.Ok(new Page<QuotaModel>([.. items.Select(q => ToModel(q, options.Value.Currency))], next));
    }

    private static async Task<Ok<QuotaModel>> Get(
        string scope, string id, HttpContext http, BrokerDbContext db, ProviderRegistry providers, IOptions<QuotaOptions> options, CancellationToken cancellationToken)
    {
        var target = await QuotaTarget.ResolveAsync(scope, id, Caller.From(http.User), db, ProviderExists(providers), change: false, cancellationToken);
        var quota = await QuotaReader.FindAsync(db, target.Scope, target.Id, cancellationToken) ?? Unset(target);
        http.Response.Headers.ETag = WireMapping.ETag(quota.Version);
        return TypedResults.Ok(ToModel(quota, options.Value.Currency));
    }

    private static async Task<Ok<QuotaModel>> Put(
        string scope, string id, [FromBody] PutQuotaRequest body, HttpContext http, BrokerDbContext db, ProviderRegistry providers,
        IOptions<QuotaOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var target = await QuotaTarget.ResolveAsync(scope, id, Caller.From(http.User), db, ProviderExists(providers), change: true, cancellationToken);
        var read = (await QuotaReader.FindAsync(db, target.Scope, target.Id, cancellationToken))?.Version ?? 0;
        IfMatch.Require(http, read);
        var currency = options.Value.Currency;
        if (body.Currency is not null && body.Currency != currency)
        {
            throw ProblemException.Invalid("/currency", $"budgets are in {currency}", new FieldLimit(Values: [currency]));
        }

        var limits = Values(body.Limits, "/limits");
        var warnAt = body.WarnAt ?? new QuotaWarnAtModel();
        var budgetWarnAt = BudgetWarnings.Store(warnAt.Budget, "/warnAt/budget");
        var quota = await QuotaLimits.SetAsync(db, target, limits, Counts(warnAt, "/warnAt"), budgetWarnAt, read, time.GetUtcNow().UtcDateTime, cancellationToken);
        if (quota is null)
        {
            var current = await QuotaReader.FindAsync(db, target.Scope, target.Id, cancellationToken);
            throw IfMatch.Stale(WireMapping.ETag(current?.Version ?? 0));
        }

        http.Response.Headers.ETag = WireMapping.ETag(quota.Version);
        return TypedResults.Ok(ToModel(quota, currency));
    }

    private static async Task<Ok<QuotaUsageModel>> Usage(
        string scope, string id, HttpContext http, BrokerDbContext db, ProviderRegistry providers, IOptions<QuotaOptions> options, TimeProvider time,
        IRatedCost rated, CancellationToken cancellationToken)
    {
        var target = await QuotaTarget.ResolveAsync(scope, id, Caller.From(http.User), db, ProviderExists(providers), change: false, cancellationToken);
        var period = BudgetPeriod.Of(time.GetUtcNow().UtcDateTime);
        var quota = await QuotaReader.CurrentAsync(db, target.Scope, target.Id, target.TenantId, period, rated, cancellationToken);
        var currency = options.Value.Currency;
        static UsageCountModel Count(ResourceQuota c) => new(c.Limit, c.Used, c.Reserved, c.WarnAt, c.Warning);
        var budget = quota.Budget;
        var crossed = BudgetWarnings.Crossed(quota);
        return TypedResults.Ok(new QuotaUsageModel(quota.Scope, quota.ScopeId, period.Key, currency,
            Count(quota.Instances), Count(quota.RunningInstances), Count(quota.Cpu), Count(quota.MemoryMiB), Count(quota.StorageGiB),
            new UsageMoneyModel(Money(budget.Limit), MicroUnits.Format(budget.Used), MicroUnits.Format(budget.Reserved), BudgetWarnings.Parse(quota.BudgetWarnAt),
                crossed, crossed.Count > 0, currency, period.Key)));
    }

    /// <summary>The request's values by resource index, validated (whole numbers ≥ 0; budget a decimal string with at most six decimals).</summary>
    private static long?[] Values(QuotaValuesModel? values, string pointer)
    {
        values ??= new QuotaValuesModel();
        var counts = Checked([values.Instances, values.RunningInstances, values.Cpu, values.MemoryMiB, values.StorageGiB, null], pointer);

        if (values.Budget is not null)
        {
            counts[QuotaResources.BudgetIndex] = MicroUnits.Parse(values.Budget) is { } micros and >= 0 ? micros
                : throw ProblemException.Invalid($"{pointer}/budget", "must be a decimal string from 0 to 999999999999.999999 with at most six decimals, such as \"100.00\"");
        }

        return counts;
    }

    /// <summary>The counts' warning thresholds by resource index (the budget's are percentages, stored apart).</summary>
    private static long?[] Counts(QuotaWarnAtModel warnAt, string pointer) =>
        Checked([warnAt.Instances, warnAt.RunningInstances, warnAt.Cpu, warnAt.MemoryMiB, warnAt.StorageGiB, null], pointer);

    private static long?[] Checked(long?[] counts, string pointer)
    {
        for (var i = 0; i < QuotaResources.BudgetIndex; i++)
        {
            if (counts[i] < 0)
            {
                throw ProblemException.Invalid($"{pointer}/{QuotaResources.All[i]}", "must be 0 or more", new FieldLimit(Min: 0));
            }
        }

        return counts;
    }

    private static Quota Unset(QuotaTarget target) => new() { Scope = target.Scope, ScopeId = target.Id, TenantId = target.TenantId, Period = "" };

    private static QuotaModel ToModel(Quota quota, string currency) => new(
        quota.Scope, quota.ScopeId, quota.TenantId, Values(quota, c => c.Limit), WarnAt(quota), currency, quota.UpdatedAt);

    private static QuotaWarnAtModel WarnAt(Quota quota) => new(
        quota.Instances.WarnAt, quota.RunningInstances.WarnAt, quota.Cpu.WarnAt, quota.MemoryMiB.WarnAt, quota.StorageGiB.WarnAt,
        [.. BudgetWarnings.Parse(quota.BudgetWarnAt).Select(p => (long)p)]);

    private static QuotaValuesModel Values(Quota quota, Func<ResourceQuota, long?> pick) => new(
        pick(quota.Instances), pick(quota.RunningInstances), pick(quota.Cpu), pick(quota.MemoryMiB), pick(quota.StorageGiB), Money(pick(quota.Budget)));

    private static Func<string, bool> ProviderExists(ProviderRegistry providers) => id => providers.Find(id) is not null;

    private static string? Money(long? micros) => micros is { } value ? MicroUnits.Format(value) : null;
}
