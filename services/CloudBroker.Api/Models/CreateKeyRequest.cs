using CloudBroker.Api.Http.Limits;
using CloudBroker.Provisioning.Keys;

namespace CloudBroker.Api.Models;

/// <summary>The body of <c>POST /api/keys</c>: a name (RFC 1123 label) and an OpenSSH public key line.</summary>
public sealed record CreateKeyRequest(
    [property: Text(63, TextKind.Label)] string? Name,
    [property: Text(SshPublicKeyParser.MaxLength)] string? PublicKey);
