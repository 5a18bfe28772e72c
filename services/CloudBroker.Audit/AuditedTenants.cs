namespace CloudBroker.Audit;

/// <summary>
/// The tenants whose rows one audited request read or wrote, noted by <see cref="AuditedTenantsInterceptor"/> while
/// the request runs (the recorder begins it), so an admin's action inside a tenant is recorded for that tenant too.
/// Only tenants the caller may act in are noted: a refused look into another tenant tells that tenant nothing.
/// </summary>
public sealed class AuditedTenants
{
    private static readonly AsyncLocal<AuditedTenants?> Scope = new();

    private readonly Func<string, bool> _mayActIn;
    private readonly HashSet<string> _tenants = new(StringComparer.Ordinal);

    private AuditedTenants(Func<string, bool> mayActIn) => _mayActIn = mayActIn;

    /// <summary>The collection of the request running on this async flow, if it is audited.</summary>
    internal static AuditedTenants? Current => Scope.Value;

    /// <summary>The one tenant the request touched, or <c>null</c>: none (a refusal before any lookup), or several (a broker-wide action).</summary>
    public string? Single
    {
        get
        {
            lock (_tenants)
            {
                return _tenants.Count == 1 ? _tenants.First() : null;
            }
        }
    }

    /// <summary>Starts collecting for the rest of this async flow (call it from an <c>async</c> method, so it ends with it).</summary>
    public static AuditedTenants Begin(Func<string, bool> mayActIn) => Scope.Value = new AuditedTenants(mayActIn);

    internal void Note(string tenantId)
    {
        if (_mayActIn(tenantId))
        {
            lock (_tenants)
            {
                _tenants.Add(tenantId);
            }
        }
    }
}
