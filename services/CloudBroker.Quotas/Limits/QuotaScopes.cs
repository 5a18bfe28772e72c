namespace CloudBroker.Quotas.Limits;

/// <summary>
/// The scopes a quota limits. <see cref="LockOrder"/> is the one order every transaction updates counter
/// rows in (tenant, group, user, provider), so two PostgreSQL transactions never wait on each other in a cycle.
/// </summary>
public static class QuotaScopes
{
    public const string Tenant = "tenant";
    public const string Group = "group";
    public const string User = "user";
    public const string Provider = "provider";

    public static readonly IReadOnlyList<string> LockOrder = [Tenant, Group, User, Provider];

    public static bool IsKnown(string scope) => LockOrder.Contains(scope, StringComparer.Ordinal);

    public static int Rank(string scope) => scope switch
    {
        Tenant => 0,
        Group => 1,
        User => 2,
        Provider => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "unknown quota scope"),
    };

    /// <summary>The reservation column naming a scope's id (a fixed name, never caller input, so it may be written into SQL).</summary>
    internal static string ReservationColumn(string scope) => scope switch
    {
        Tenant => "\"TenantId\"",
        Group => "\"GroupId\"",
        User => "\"UserId\"",
        Provider => "\"ProviderId\"",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "unknown quota scope"),
    };
}
