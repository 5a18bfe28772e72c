namespace CloudBroker.Testing.Ec2;

/// <summary>An imported key pair: its name and the OpenSSH public key line it was given.</summary>
public sealed record Ec2FakeKeyPair(string Id, string Name, string Fingerprint, string PublicKey);
