namespace CloudBroker.Identity;

/// <summary>The tenant and user the bootstrap admin belongs to.</summary>
public static class SystemTenant
{
    public const string TenantId = "system";

    public const string AdminUserId = "admin";
}
