namespace CloudBroker.Api.Models;

/// <summary>A registered SSH public key.</summary>
public sealed record KeyModel(string Id, string Name, string PublicKey, string Fingerprint, string TenantId, string OwnerId, string GroupId, DateTime CreatedAt);
