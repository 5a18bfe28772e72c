using System.Data.Common;
using CloudBroker.Quotas.Limits;

namespace CloudBroker.Quotas.Counters;

/// <summary>One scope's limits and counters as its upsert returned them (by resource index), and the row's budget period.</summary>
internal sealed record ScopeCounters(long?[] Limit, long[] Used, long[] Reserved, string Period)
{
    public static ScopeCounters Read(DbDataReader reader)
    {
        var count = QuotaResources.All.Count;
        var limit = new long?[count];
        var used = new long[count];
        var reserved = new long[count];
        for (var i = 0; i < count; i++)
        {
            limit[i] = reader.IsDBNull(i * 3) ? null : reader.GetInt64(i * 3);
            used[i] = reader.GetInt64((i * 3) + 1);
            reserved[i] = reader.GetInt64((i * 3) + 2);
        }

        return new ScopeCounters(limit, used, reserved, reader.GetString(QuotaSql.PeriodColumn));
    }

    /// <summary>The same counters with a re-based budget.</summary>
    public ScopeCounters WithBudget(long used, long reserved)
    {
        var (u, r) = ((long[])Used.Clone(), (long[])Reserved.Clone());
        (u[QuotaResources.BudgetIndex], r[QuotaResources.BudgetIndex]) = (used, reserved);
        return this with { Used = u, Reserved = r };
    }
}
