namespace CloudBroker.Testing.Azure;

/// <summary>What a request path names. <see cref="Kind"/> is also the counter kind.</summary>
/// <param name="Name">The VM name, the operation id, or (for <c>token</c>) the tenant.</param>
internal sealed record ArmRoute(string Kind, string? Subscription = null, string? ResourceGroup = null, string? Name = null)
{
    private static readonly string[] Actions = ["start", "deallocate", "powerOff", "restart"];

    public bool IsWrite => Kind is not ("get" or "list" or "operation" or "token" or "other");

    public static ArmRoute Parse(string method, string path)
    {
        var s = path.Trim('/').Split('/');
        if (s.Length == 4 && Is(s[1], "oauth2") && Is(s[2], "v2.0") && Is(s[3], "token") && method == "POST")
        {
            return new("token", Name: s[0]);
        }

        if (s.Length == 8 && Is(s[0], "subscriptions") && Is(s[2], "providers") && Is(s[3], "Microsoft.Compute")
            && Is(s[4], "locations") && Is(s[6], "operations") && method == "GET")
        {
            return new("operation", s[1], null, s[7]);
        }

        if (s.Length < 7 || !Is(s[0], "subscriptions") || !Is(s[2], "resourceGroups") || !Is(s[4], "providers")
            || !Is(s[5], "Microsoft.Compute") || !Is(s[6], "virtualMachines"))
        {
            return new("other");
        }

        var kind = (s.Length, method) switch
        {
            (7, "GET") => "list",
            (8, "PUT") => "put",
            (8, "GET") => "get",
            (8, "DELETE") => "delete",
            (9, "POST") => Actions.FirstOrDefault(a => Is(a, s[8])) ?? "other",
            _ => "other",
        };
        return new(kind, s[1], s[3], s.Length > 7 ? s[7] : null);
    }

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
