using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Identity.ApiKeys;
using CloudBroker.Identity.Authentication;
using CloudBroker.Identity.Users;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Apis;

/// <summary>
/// A user's API keys: the user itself, and those who manage it (<see cref="UserAuthority"/>: its tenant's admins
/// and broker admins, for users whose roles reach no further than theirs) issue, list and revoke them.
/// The secret is in the create answer only; lists show the prefix; the database holds the hash.
/// </summary>
internal static class ApiKeysApi
{
    public static void MapApiKeysApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/users/{userId}/api-keys").WithTags("Users");
        group.MapGet("/", List).Allow(AccessRule.SelfService).AllowQuery("limit", "cursor").WithSummary("A user's API keys, by prefix").ProducesProblem(403).ProducesProblem(404);
        group.MapPost("/", Create).Allow(AccessRule.SelfService).AllowQuery().ReturnsSecret()
            .WithSummary("Issue an API key (its secret is shown once; no Idempotency-Key)").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);
        group.MapDelete("/{keyId}", Revoke).Allow(AccessRule.SelfService).AllowQuery().WithSummary("Revoke an API key").ProducesProblem(403).ProducesProblem(404);
    }

    private static async Task<Ok<Page<ApiKeyModel>>> List(
        string userId, HttpContext http, BrokerDbContext db, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var user = await OwnerAsync(userId, http, db, cancellationToken);
        var query = db.Set<ApiKey>().AsNoTracking().Where(k => k.UserId == user.Id);
        if (page.After is not null)
        {
            query = query.Where(k => string.Compare(k.Id, page.After) > 0);
        }

        var fetched = await query.OrderBy(k => k.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Cut(fetched, k => k.Id);
        return TypedResults.Ok(new Page<ApiKeyModel>([.. items.Select(k => k.ToModel())], next));
    }

    private static async Task<Created<CreatedApiKeyModel>> Create(
        string userId, [FromBody] ApiKeyRequest? body, HttpContext http, BrokerDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = await OwnerAsync(userId, http, db, cancellationToken);
        if (user.DisabledAt is not null)
        {
            throw new ProblemException(ProblemTypes.Conflict, $"user '{userId}' is disabled");
        }

        var secret = ApiKeySecret.New();
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7().ToString(), Prefix = ApiKeySecret.PrefixOf(secret), Hash = ApiKeySecret.Hash(secret),
            TenantId = user.TenantId, UserId = user.Id, Name = body?.Name, CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/users/{user.Id}/api-keys/{key.Id}", new CreatedApiKeyModel(key.Id, key.UserId, key.Name, key.Prefix, secret, key.CreatedAt));
    }

    private static async Task<NoContent> Revoke(
        string userId, string keyId, HttpContext http, BrokerDbContext db, TimeProvider time, IIdentityChanges identityChanges, CancellationToken cancellationToken)
    {
        var user = await OwnerAsync(userId, http, db, cancellationToken);
        var key = await db.Set<ApiKey>().FirstOrDefaultAsync(k => k.Id == keyId && k.UserId == user.Id, cancellationToken)
            ?? throw ProblemException.NotFound($"API key '{keyId}'");
        key.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await identityChanges.AnnounceAsync(db, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The keys' user, if the caller is that user or manages it; 404 across tenants, 403 inside.</summary>
    private static Task<User> OwnerAsync(string userId, HttpContext http, BrokerDbContext db, CancellationToken cancellationToken) =>
        UsersApi.FindManagedAsync(userId, Caller.From(http.User), db, cancellationToken, UserAuthority.EnsureMayManageKeys);
}
