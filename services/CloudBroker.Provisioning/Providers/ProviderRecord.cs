namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// A provider defined through the API. <see cref="Settings"/> are the non-secret settings in configuration-key form
/// (<c>{"Region":"eu-west-1","InstanceTypes:0:Id":"t3.micro"}</c>); the credentials are one sealed JSON object
/// (<see cref="CloudBroker.Secrets.SecretKeyRing"/>) whose field names are kept in clear, so the API can say which are set.
/// </summary>
public sealed class ProviderRecord
{
    public required string Id { get; init; }

    public required string Driver { get; set; }

    /// <summary>JSON object of string values.</summary>
    public required string Settings { get; set; }

    /// <summary>The sealed credentials, or <c>null</c> when none are set.</summary>
    public byte[]? Credentials { get; set; }

    /// <summary>The id of the master key that sealed <see cref="Credentials"/>.</summary>
    public string? CredentialsKeyId { get; set; }

    /// <summary>JSON array of the credential field names (names only).</summary>
    public string? CredentialNames { get; set; }

    public DateTime? CredentialsUpdatedAt { get; set; }

    public bool Enabled { get; set; }

    /// <summary>Optimistic concurrency: the <c>ETag</c> clients send back in <c>If-Match</c>.</summary>
    public int Version { get; set; }

    public DateTime CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public DateTime UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}
