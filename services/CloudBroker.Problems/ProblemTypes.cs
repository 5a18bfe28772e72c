namespace CloudBroker.Problems;

/// <summary>Every problem type the API answers with; <c>GET /problems/{slug}</c> serves this list. Slugs never change.</summary>
public static class ProblemTypes
{
    public static readonly ProblemType Validation = new("validation", "The request is not valid", 400,
        "A field is missing, malformed or outside its limits. `errors` lists each field as a JSON pointer with the limit that was hit.");

    public static readonly ProblemType Unauthenticated = new("unauthenticated", "Authentication is required", 401,
        "Send `Authorization: Bearer <api key>`. The key was missing, malformed, unknown or revoked.");

    public static readonly ProblemType Forbidden = new("forbidden", "Not allowed", 403,
        "You are authenticated, but your role may not use this function, or you may read this object but not act on it (a machine or key of your tenant that is neither yours nor charged to one of your groups).");

    public static readonly ProblemType NotFound = new("not-found", "Not found", 404,
        "There is no such resource or route, or it belongs to someone you cannot see.");

    public static readonly ProblemType MethodNotAllowed = new("method-not-allowed", "Method not allowed", 405,
        "The route exists but does not accept this HTTP method; the `Allow` header lists those it does.");

    public static readonly ProblemType Conflict = new("conflict", "Conflict", 409,
        "The resource changed while the request was handled, or the request clashes with its current state. Read it again and retry.");

    public static readonly ProblemType ActionNotAllowed = new("action-not-allowed", "Action not allowed now", 409,
        "The instance's current state does not allow this action. `allowedActions` lists what it allows now.");

    public static readonly ProblemType UnsupportedCapability = new("unsupported-capability", "The provider lacks this capability", 400,
        "The request uses an option the provider's driver does not support. `capability` names it; `GET /api` lists each provider's capabilities.");

    public static readonly ProblemType QuotaExceeded = new("quota-exceeded", "Quota exceeded", 403,
        "Accepting the request would exceed a quota. `scope`, `scopeId`, `resource`, `limit`, `used`, `reserved` and `requested` say which and by how much (budget amounts as decimal strings, with `currency`). Only growth is checked: create and start, never stop, reboot or destroy.");

    public static readonly ProblemType IdempotencyMismatch = new("idempotency-mismatch", "Idempotency key reused with another request", 422,
        "The `Idempotency-Key` was already used with a different request body.");

    public static readonly ProblemType IdempotencyInFlight = new("idempotency-in-flight", "A request with this idempotency key is in progress", 409,
        "The first request with this `Idempotency-Key` has not finished yet; retry later.");

    public static readonly ProblemType PreconditionFailed = new("precondition-failed", "Precondition failed", 412,
        "The `If-Match` ETag is stale: the resource changed since you read it.");

    public static readonly ProblemType PreconditionRequired = new("precondition-required", "Precondition required", 428,
        "This update needs an `If-Match` header with the ETag you read.");

    public static readonly ProblemType PayloadTooLarge = new("payload-too-large", "Payload too large", 413,
        "The request body is larger than the limit given in `limit` (bytes).");

    public static readonly ProblemType UnsupportedMediaType = new("unsupported-media-type", "Unsupported media type", 415,
        "Send the body as `Content-Type: application/json`.");

    public static readonly ProblemType RateLimited = new("rate-limited", "Too many requests", 429,
        "Slow down; `retryAfter` (seconds) says when to try again.");

    public static readonly ProblemType ProviderUnavailable = new("provider-unavailable", "Provider unavailable", 503,
        "The provider cannot be used now; `detail` gives the reason and the fix.");

    public static readonly ProblemType ProviderError = new("provider-error", "The provider refused or failed the request", 502,
        "The provider answered with an error; `detail` carries its message.");

    public static readonly ProblemType ProviderReadOnly = new("provider-read-only", "The provider is defined in configuration", 409,
        "Providers defined in configuration can be read through the API but not changed or deleted there: change the configuration and restart. `providerId` names it.");

    public static readonly ProblemType ProviderAuthenticationFailed = new("provider-authentication-failed", "The provider refused the credentials", 502,
        "The provider answered that the credentials are wrong, expired or lack a permission. Replace them (`PUT /api/providers/{id}` with `credentials`) or fix the account at the provider. `providerId` names it.");

    public static readonly ProblemType ProviderCredentialsUnreadable = new("provider-credentials-unreadable", "The provider's stored credentials cannot be decrypted", 503,
        "The master key that sealed them is not configured in this process, or they were altered. `detail` names the key id; give every process that key file (`CloudBroker:Secrets:KeyFile` or `PreviousKeyFiles`), or set the credentials again. `providerId` names it.");

    public static readonly ProblemType PriceBookVersionPublished = new("price-book-version-published", "The price book version is published", 409,
        "A published version of a price book never changes: its prices may already have rated usage. Create a new draft version (`POST /api/price-books/{id}/versions`), edit it, and publish it with the time from which it replaces this one. `priceBookId` and `version` name the published version.");

    public static readonly ProblemType PriceBookCurrencyUnsupported = new("price-book-currency-unsupported", "The price book's currency is not the broker's", 409,
        "This wave rates in one currency, the broker's (`CloudBroker:Quotas:Currency`), and budgets count in it too: a price book in another currency can be drafted but not published. `currency` is the broker's.");

    public static readonly ProblemType DatabaseBusy = new("database-busy", "The database is busy; retry shortly", 503,
        "CloudBroker's database could not take the request now: every connection of the process stayed busy longer than it waits for one, the server refused more clients or was restarting, or the request kept losing to concurrent ones (a deadlock or a serialization conflict; such a request is run again twice first). Retry after `Retry-After` seconds (also in `retryAfter`). What the request did was rolled back, unless the connection broke while it committed: send the retry with the same `Idempotency-Key` and it is carried out exactly once either way.");

    public static readonly ProblemType PoolNotAllowed = new("pool-not-allowed", "No pool of this provider is open to you", 403,
        "Machines are drawn from pools, and no enabled pool of the provider named (`providerId`) is open to your tenant or to the group the machine is charged to, in the realm asked. Pools of other tenants are never listed: `GET /api/pools` shows the ones you may use; an admin opens one (`PUT /api/pools/{id}`).");

    public static readonly ProblemType CapacityExhausted = new("capacity-exhausted", "The pool has no room for this machine", 409,
        "Every pool of the provider you may use is full in the realms asked, after its overcommit ratio and reserved headroom. `poolId`, `realmId`, `resource` (`cpu`, `memoryMiB`, `storageGiB`), `capacity` (after overcommit, less headroom), `allocated` and `requested` say where and by how much, for the last pool tried. Ask less, another realm, or an admin for room.");

    public static readonly ProblemType NoValidPlacement = new("no-valid-placement", "No place passes every filter for this order", 409,
        "The broker was asked to place a machine (`size`, `imageFamily`, no `providerId`) and none of the places you may use passes every filter. `candidates` lists each of them (a pool open to your tenant or to the group charged, one realm each; up to 100, `candidateCount` in all) with `refusedBy` (the first filter that refused it: `health`, `realm`, `capabilities`, `image`, `size`, `quota`, `anti-affinity`, `capacity` or `policy`) and `reason`; `policy` is the placement policy applied. Pools of other tenants are never listed. `POST /api/placements/preview` shows every filter's verdict; ask another size, realm or policy, or an admin for room.");

    public static readonly ProblemType Internal = new("internal", "Internal error", 500,
        "Something failed inside CloudBroker. Nothing was lost; the request may be retried.");

    public static IReadOnlyList<ProblemType> All { get; } =
    [
        Validation, Unauthenticated, Forbidden, NotFound, MethodNotAllowed, Conflict, ActionNotAllowed, UnsupportedCapability,
        QuotaExceeded, IdempotencyMismatch, IdempotencyInFlight, PreconditionFailed, PreconditionRequired, PayloadTooLarge,
        UnsupportedMediaType, RateLimited, ProviderUnavailable, ProviderError, ProviderReadOnly, ProviderAuthenticationFailed,
        ProviderCredentialsUnreadable, PriceBookVersionPublished, PriceBookCurrencyUnsupported, PoolNotAllowed, CapacityExhausted, NoValidPlacement, DatabaseBusy,
        Internal,
    ];

    public static ProblemType? Find(string slug) => All.FirstOrDefault(p => p.Slug == slug);

    /// <summary>The generic type for a bare status code (framework-made errors such as an unknown route).</summary>
    public static ProblemType ForStatus(int status) => status switch
    {
        400 => Validation,
        401 => Unauthenticated,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        412 => PreconditionFailed,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        428 => PreconditionRequired,
        429 => RateLimited,
        502 => ProviderError,
        503 => ProviderUnavailable,
        _ => Internal,
    };
}
