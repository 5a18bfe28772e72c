namespace CloudBroker.Identity.Access;

/// <summary>
/// Which roles may use an endpoint. Every <c>/api</c> endpoint carries exactly one (the authorization
/// matrix test enumerates the endpoints and fails on one without), so "who may call this" is never implicit.
/// </summary>
public sealed record AccessRule(string Name, IReadOnlySet<string> Roles)
{
    /// <summary>No key needed (the entry point, problem documents).</summary>
    public static readonly AccessRule Public = new("public", Set());

    /// <summary>Reads inside the caller's tenant: every role.</summary>
    public static readonly AccessRule Read = new("read", Set(Access.Roles.All.ToArray()));

    /// <summary>What concerns the caller's own user (its API keys): every role; the handler checks it is the caller's, or the caller manages the tenant.</summary>
    public static readonly AccessRule SelfService = new("self-service", Set(Access.Roles.All.ToArray()));

    /// <summary>Making and changing machines and keys: the roles that use the cloud.</summary>
    public static readonly AccessRule Operate = new("operate", Set(Access.Roles.Admin, Access.Roles.TenantAdmin, Access.Roles.Member));

    /// <summary>Managing a tenant's groups, users, keys and quotas.</summary>
    public static readonly AccessRule ManageTenant = new("manage-tenant", Set(Access.Roles.Admin, Access.Roles.TenantAdmin));

    /// <summary>Reading the audit log.</summary>
    public static readonly AccessRule Audit = new("audit", Set(Access.Roles.Admin, Access.Roles.TenantAdmin, Access.Roles.Auditor));

    /// <summary>Reading usage, costs and exports.</summary>
    public static readonly AccessRule Finance = new("finance", Set(Access.Roles.Admin, Access.Roles.TenantAdmin, Access.Roles.Finance, Access.Roles.Auditor));

    /// <summary>The whole broker: tenants, providers, reconciliation.</summary>
    public static readonly AccessRule Admin = new("admin", Set(Access.Roles.Admin));

    /// <summary>The policy name endpoints carrying this rule are authorized with.</summary>
    public string Policy => "access:" + Name;

    public static readonly IReadOnlyList<AccessRule> All = [Public, Read, SelfService, Operate, ManageTenant, Audit, Finance, Admin];

    private static HashSet<string> Set(params string[] roles) => new(roles, StringComparer.Ordinal);
}
