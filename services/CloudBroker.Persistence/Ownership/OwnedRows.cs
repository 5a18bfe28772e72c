using CloudBroker.Problems;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Persistence.Ownership;

/// <summary>
/// Which owned rows a caller reaches, to read and to act on: every row of a tenant (of every tenant, when the
/// tenant is null), or only the rows it owns and those charged to one of its groups. Reading may span more tenants
/// than acting (the system tenant's auditors and finance read every tenant and act only in their own). Every read and
/// every action on instances, their operations and history, and SSH keys goes through it (Identity makes it from the
/// caller's roles), so the rule lives here once. A row the caller may not read is not found, like another tenant's
/// (its existence is not revealed); one it may read but not act on is forbidden.
/// </summary>
/// <param name="ReadTenantId">The tenant the caller reads in; <c>null</c>: every tenant (an admin, the system tenant's auditors and finance).</param>
/// <param name="ActTenantId">The tenant the caller acts in; <c>null</c>: every tenant (an admin).</param>
/// <param name="GroupIds">The groups whose rows a caller who does not reach the whole tenant reaches, besides its own.</param>
/// <param name="ReadsWholeTenant">Reads every row of the tenant (tenant-admin, auditor, finance), not only its own and its groups'.</param>
/// <param name="ActsOnWholeTenant">Acts on every row of the tenant (tenant-admin).</param>
public sealed record OwnedRows(string? ReadTenantId, string? ActTenantId, string UserId, IReadOnlyList<string> GroupIds, bool ReadsWholeTenant, bool ActsOnWholeTenant)
{
    public IQueryable<T> Readable<T>(IQueryable<T> rows)
        where T : class, IOwnedRow => Filter(rows, ReadTenantId, ReadsWholeTenant);

    public IQueryable<T> Actionable<T>(IQueryable<T> rows)
        where T : class, IOwnedRow => Filter(rows, ActTenantId, ActsOnWholeTenant);

    /// <summary>Whether a row read by other means (a compiled query) is one the caller may read.</summary>
    public bool MayRead(IOwnedRow row) => Reaches(row, ReadTenantId, ReadsWholeTenant);

    public bool MayAct(IOwnedRow row) => Reaches(row, ActTenantId, ActsOnWholeTenant);

    /// <summary>The row with <paramref name="id"/>: 404 (<paramref name="what"/> '<paramref name="id"/>' was not found) when the caller may not read it.</summary>
    public async Task<T> FindAsync<T>(IQueryable<T> rows, string id, string what, CancellationToken cancellationToken)
        where T : class, IOwnedRow =>
        await Readable(rows).FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw ProblemException.NotFound($"{what} '{id}'");

    /// <summary>
    /// The row with <paramref name="id"/>, tracked, for an action: 404 when it is outside the tenant the caller acts in
    /// or the caller may not read it, 403 when it may read but not act on it.
    /// </summary>
    public async Task<T> FindForActionAsync<T>(IQueryable<T> rows, string id, string what, CancellationToken cancellationToken)
        where T : class, IOwnedRow
    {
        var actTenantId = ActTenantId;
        var row = await Readable(rows).FirstOrDefaultAsync(r => r.Id == id && (actTenantId == null || r.TenantId == actTenantId), cancellationToken)
            ?? throw ProblemException.NotFound($"{what} '{id}'");
        return MayAct(row) ? row : throw new ProblemException(ProblemTypes.Forbidden,
            $"you may read {what} '{id}' but not act on it: it is neither yours nor charged to one of your groups");
    }

    // The rule twice, side by side: as SQL for queries, and in memory for a row already read. OwnedRowsTests holds them equal.
    private IQueryable<T> Filter<T>(IQueryable<T> rows, string? tenant, bool wholeTenant)
        where T : class, IOwnedRow
    {
        if (tenant is { } tenantId)
        {
            rows = rows.Where(r => r.TenantId == tenantId);
        }

        if (wholeTenant)
        {
            return rows;
        }

        var userId = UserId;
        var groupIds = GroupIds.ToArray();
        return rows.Where(r => r.OwnerId == userId || groupIds.Contains(r.GroupId));
    }

    private bool Reaches(IOwnedRow row, string? tenant, bool wholeTenant) =>
        (tenant is null || row.TenantId == tenant)
        && (wholeTenant || row.OwnerId == UserId || GroupIds.Contains(row.GroupId, StringComparer.Ordinal));
}
