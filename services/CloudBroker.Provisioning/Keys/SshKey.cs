using CloudBroker.Persistence.Ownership;

namespace CloudBroker.Provisioning.Keys;

/// <summary>An SSH public key a user registered, passed to providers at create.</summary>
public sealed class SshKey : IOwnedRow
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The OpenSSH public key line (type, base64 blob, comment).</summary>
    public required string PublicKey { get; init; }

    /// <summary>OpenSSH fingerprint, <c>SHA256:…</c>.</summary>
    public required string Fingerprint { get; init; }

    public required string TenantId { get; init; }

    public required string OwnerId { get; init; }

    public required string GroupId { get; init; }

    public DateTime CreatedAt { get; init; }
}
