namespace CloudBroker.Persistence.Idempotency;

/// <summary>
/// A request made with an <c>Idempotency-Key</c>: claimed while in flight (with a lease, so a claim left
/// by a dead process can be taken over), then completed with the response, in the same transaction
/// as the request's own effects.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>Whose key it is (tenant and user): keys are per caller.</summary>
    public required string Scope { get; init; }

    public required string Key { get; init; }

    /// <summary>SHA-256 of the method, path and body: the same key with another request is refused.</summary>
    public required string Fingerprint { get; set; }

    public bool Completed { get; set; }

    /// <summary>Until when an in-flight claim is honoured; after it, the claim is abandoned and may be taken over.</summary>
    public DateTime LeaseUntil { get; set; }

    public int StatusCode { get; set; }

    /// <summary>The response headers worth replaying (Location, Operation-Location, Content-Type, ETag), as JSON.</summary>
    public string? ResponseHeaders { get; set; }

    public byte[]? ResponseBody { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}
