namespace CloudBroker.Drivers;

/// <summary>A broker key object passed to create: its name and its OpenSSH public key line.</summary>
public sealed record SshPublicKey(string Name, string PublicKey);
