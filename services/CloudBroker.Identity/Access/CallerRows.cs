using CloudBroker.Persistence.Ownership;

namespace CloudBroker.Identity.Access;

/// <summary>
/// Ownership inside a tenant, decided from the caller's roles: an <c>admin</c> reaches every row of every tenant (the
/// system tenant's <c>auditor</c> and <c>finance</c> read them, <see cref="Caller.ReadFilter"/>); a
/// <c>tenant-admin</c> reads and acts on every row of its tenant; an <c>auditor</c> or <c>finance</c> reads every row
/// of its tenant (its role acts on none); a <c>member</c> reads and acts on the rows it owns and those charged to one of
/// its groups, and nothing else of its tenant exists for it.
/// </summary>
public static class CallerRows
{
    /// <summary>The instances, operations and SSH keys the caller reaches (see <see cref="OwnedRows"/>).</summary>
    public static OwnedRows Rows(this Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new OwnedRows(
            caller.ReadFilter,
            caller.TenantFilter,
            caller.UserId,
            caller.GroupIds,
            ReadsWholeTenant: caller.IsTenantAdmin || caller.ReadsEveryTenant || caller.Roles.Contains(Roles.Auditor) || caller.Roles.Contains(Roles.Finance),
            ActsOnWholeTenant: caller.IsTenantAdmin);
    }
}
