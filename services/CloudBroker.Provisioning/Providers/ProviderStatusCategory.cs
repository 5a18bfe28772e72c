namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// Why a provider is unavailable, in one word anyone may read — anonymous callers of <c>GET /api</c> and
/// <c>/readyz</c> included. The reason's text, which may quote the provider's own answer or name its settings, is
/// for admins only. The list is data; docs/security.md describes each.
/// </summary>
public sealed record ProviderStatusCategory(string Slug, string Meaning)
{
    public static readonly ProviderStatusCategory Disabled = new("disabled", "An admin switched it off (\"enabled\": false).");

    public static readonly ProviderStatusCategory Misconfigured = new("misconfigured",
        "It cannot be opened as defined: a setting is invalid or not allowed, its driver does not exist, or this host lacks what the driver needs.");

    public static readonly ProviderStatusCategory CredentialsUnreadable = new("credentials-unreadable",
        "Its stored credentials cannot be decrypted by this process (the master key that sealed them is missing, or they were altered).");

    public static readonly ProviderStatusCategory CredentialsRefused = new("credentials-refused", "The provider refused the credentials.");

    public static readonly ProviderStatusCategory Unreachable = new("unreachable",
        "The provider did not answer in time or could not be reached (also when the endpoint policy refused where it resolves).");

    public static readonly ProviderStatusCategory Throttled = new("throttled",
        "The provider asked the broker to slow down, or the broker's own request budget for it has no turn free for now.");

    public static readonly ProviderStatusCategory ProviderError = new("provider-error", "The provider answered with another error.");

    public static IReadOnlyList<ProviderStatusCategory> All { get; } =
        [Disabled, Misconfigured, CredentialsUnreadable, CredentialsRefused, Unreachable, Throttled, ProviderError];
}
