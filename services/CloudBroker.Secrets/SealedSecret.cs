namespace CloudBroker.Secrets;

/// <summary>A secret sealed with AES-256-GCM: the id of the master key that sealed it and the envelope (version, nonce, tag, ciphertext).</summary>
public sealed record SealedSecret(string KeyId, byte[] Envelope);
