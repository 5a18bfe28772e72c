namespace CloudBroker.Identity.Users;

/// <summary>A person or robot of a tenant: member of one or more of its groups, one of them the default.</summary>
public sealed class User
{
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    public required string Name { get; set; }

    public string? Email { get; set; }

    /// <summary>The group a create is charged to when it names none; always one of the user's groups.</summary>
    public required string DefaultGroupId { get; set; }

    /// <summary>Space-separated role names (<see cref="Access.Roles"/>).</summary>
    public required string Roles { get; set; }

    /// <summary>
    /// The subject of the user's OIDC tokens (<c>sub</c>), when it signs in through <see cref="Issuer"/>. A token is
    /// this user's when its issuer, tenant and subject are this user's: subjects are unique per issuer and tenant only,
    /// so one tenant can neither take nor detect a subject of another.
    /// </summary>
    public string? Subject { get; set; }

    /// <summary>The OIDC issuer (<c>iss</c>) <see cref="Subject"/> belongs to; <c>null</c> without a subject (or for one stored before issuers were, until its next sign-in).</summary>
    public string? Issuer { get; set; }

    /// <summary>A disabled user's keys and tokens are refused.</summary>
    public DateTime? DisabledAt { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }
}
