namespace CloudBroker.Identity.ApiKeys;

/// <summary>An API key of a user; it acts with the user's roles and groups. Only its SHA-256 hash and a short prefix of its random part (for listing) are stored.</summary>
public sealed class ApiKey
{
    public required string Id { get; init; }

    /// <summary>
    /// The first characters of the secret, enough to tell keys apart in a list; empty for the bootstrap admin key,
    /// whose value an operator may have chosen.
    /// </summary>
    public required string Prefix { get; set; }

    public required string Hash { get; set; }

    public required string TenantId { get; init; }

    public required string UserId { get; init; }

    /// <summary>What the owner called it ("ci pipeline"), to tell keys apart in a list.</summary>
    public string? Name { get; set; }

    /// <summary>Whether this is the bootstrap admin key (replaced when the configured key changes).</summary>
    public bool IsBootstrap { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? RevokedAt { get; set; }
}
