namespace CloudBroker.Identity.Tenancy;

/// <summary>The tenant, group and user the bootstrap admin belongs to (made by the first migration's data).</summary>
public static class SystemTenant
{
    public const string TenantId = "system";

    public const string GroupId = "system";

    public const string AdminUserId = "admin";
}
