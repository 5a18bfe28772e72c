using CloudBroker.Identity.Tenancy;

namespace CloudBroker.Identity.Access;

/// <summary>
/// How far a user's roles reach: the access rules (<see cref="AccessRule"/>) they open, each over one tenant or
/// over every tenant. A role opens the rules that list it, over the user's own tenant; <c>admin</c> opens its
/// rules over every tenant, and so do <c>auditor</c> and <c>finance</c> of the system tenant (which only read).
/// One reach covers another when it opens every rule the other opens, over the same tenant or over every tenant.
/// Derived from the rules themselves, so a rule or role added later is ranked without another table.
/// </summary>
public sealed class Reach
{
    private const string EveryTenant = "*";

    private readonly HashSet<(string Rule, string Tenant)> _grants;

    private Reach(HashSet<(string Rule, string Tenant)> grants) => _grants = grants;

    public static Reach Of(string tenantId, IEnumerable<string> roles)
    {
        var grants = new HashSet<(string Rule, string Tenant)>();
        foreach (var role in roles.Where(Roles.IsKnown))
        {
            var tenant = SpansEveryTenant(tenantId, role) ? EveryTenant : tenantId;
            foreach (var rule in AccessRule.All.Where(r => r.Roles.Contains(role)))
            {
                grants.Add((rule.Name, tenant));
            }
        }

        return new Reach(grants);
    }

    public static Reach Of(Caller caller) => Of(caller.TenantId, caller.Roles);

    /// <summary>
    /// Whether <paramref name="role"/> held in <paramref name="tenantId"/> acts beyond that tenant: <c>admin</c>, and the
    /// system tenant's <c>auditor</c> and <c>finance</c> (the broker's own, who read every tenant). Never the system
    /// tenant's <c>member</c> or <c>tenant-admin</c>: they act in the system tenant only.
    /// </summary>
    public static bool SpansEveryTenant(string tenantId, string role) =>
        role == Roles.Admin || (tenantId == SystemTenant.TenantId && role is Roles.Auditor or Roles.Finance);

    public bool Covers(Reach other) => other._grants.All(g => _grants.Contains(g) || _grants.Contains((g.Rule, EveryTenant)));
}
