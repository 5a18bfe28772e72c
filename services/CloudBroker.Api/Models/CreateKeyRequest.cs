namespace CloudBroker.Api.Models;

/// <summary>The body of <c>POST /api/keys</c>: a name (RFC 1123 label) and an OpenSSH public key line.</summary>
public sealed record CreateKeyRequest(string? Name, string? PublicKey);
