namespace CloudBroker.Identity.Access;

/// <summary>
/// Role names. <c>admin</c> runs the whole broker; the others act inside their own tenant:
/// <c>tenant-admin</c> manages it, <c>member</c> uses it, <c>finance</c> reads its usage and costs,
/// <c>auditor</c> reads everything and changes nothing.
/// </summary>
public static class Roles
{
    public const string Admin = "admin";

    public const string TenantAdmin = "tenant-admin";

    public const string Member = "member";

    public const string Finance = "finance";

    public const string Auditor = "auditor";

    public static readonly IReadOnlyList<string> All = [Admin, TenantAdmin, Member, Finance, Auditor];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
