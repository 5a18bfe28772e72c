using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Identity.Tenancy;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Keys;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Apis;

/// <summary>
/// SSH public keys, validated on the way in and passed to providers at create. A member reaches its own and those of
/// its groups, a tenant's admin (and its auditors and finance, to read) all of the tenant's (<see cref="CallerRows"/>).
/// </summary>
internal static class KeysApi
{
    public static void MapKeysApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/keys").WithTags("Keys");
        group.MapGet("/", List).Allow(AccessRule.Read).AllowQuery("limit", "cursor").WithSummary("The SSH keys you may see (a member: its own and its groups')");
        group.MapGet("/{id}", Get).Allow(AccessRule.Read).AllowQuery().WithSummary("One SSH key").ProducesProblem(404);
        group.MapPost("/", Create).Allow(AccessRule.Operate).AllowQuery().WithSummary("Register an SSH public key").ProducesProblem(400);
        group.MapDelete("/{id}", Delete).Allow(AccessRule.Operate).AllowQuery().WithSummary("Remove an SSH key").ProducesProblem(404);
    }

    private static async Task<Ok<Page<KeyModel>>> List(HttpContext http, BrokerDbContext db, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var query = Caller.From(http.User).Rows().Readable(db.Set<SshKey>().AsNoTracking());
        if (page.After is not null)
        {
            query = query.Where(k => string.Compare(k.Id, page.After) > 0);
        }

        var fetched = await query.OrderBy(k => k.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Cut(fetched, k => k.Id);
        return TypedResults.Ok(new Page<KeyModel>(items.Select(k => k.ToModel()).ToArray(), next));
    }

    private static async Task<Ok<KeyModel>> Get(string id, HttpContext http, BrokerDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await Caller.From(http.User).Rows().FindAsync(db.Set<SshKey>().AsNoTracking(), id, "key", cancellationToken)).ToModel());

    private static async Task<Created<KeyModel>> Create(
        [FromBody] CreateKeyRequest body, HttpContext http, BrokerDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ResourceName.Check(body.Name, "/name");
        if (string.IsNullOrWhiteSpace(body.PublicKey))
        {
            throw ProblemException.Invalid("/publicKey", "is required");
        }

        if (body.PublicKey.Length > SshPublicKeyParser.MaxLength)
        {
            throw ProblemException.Invalid("/publicKey", $"must be at most {SshPublicKeyParser.MaxLength} characters", new FieldLimit(MaxLength: SshPublicKeyParser.MaxLength));
        }

        var (fingerprint, error) = SshPublicKeyParser.Parse(body.PublicKey);
        if (error is not null)
        {
            throw ProblemException.Invalid("/publicKey", error);
        }

        var caller = Caller.From(http.User);
        var key = new SshKey
        {
            Id = Guid.CreateVersion7().ToString(),
            Name = body.Name!,
            PublicKey = body.PublicKey.Trim(),
            Fingerprint = fingerprint!,
            TenantId = caller.TenantId,
            OwnerId = caller.UserId,
            GroupId = caller.DefaultGroupId ?? SystemTenant.GroupId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created("/api/keys/" + key.Id, key.ToModel());
    }

    private static async Task<NoContent> Delete(string id, HttpContext http, BrokerDbContext db, CancellationToken cancellationToken)
    {
        db.Remove(await Caller.From(http.User).Rows().FindForActionAsync(db.Set<SshKey>(), id, "key", cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
