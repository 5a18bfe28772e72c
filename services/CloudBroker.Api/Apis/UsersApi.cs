using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Identity.ApiKeys;
using CloudBroker.Identity.Authentication;
using CloudBroker.Identity.Oidc;
using CloudBroker.Identity.Tenancy;
using CloudBroker.Identity.Users;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Apis;

/// <summary>
/// Users of a tenant: everyone of the tenant reads them (and the broker's admins, auditors and finance every
/// tenant's); admins and tenant-admins manage those whose roles reach no further than their own
/// (<see cref="UserAuthority"/>). A user is never deleted (it owns machines and history): <c>DELETE</c> disables it
/// and revokes its keys.
/// </summary>
internal static class UsersApi
{
    public static void MapUsersApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Users");
        group.MapGet("/", List).Allow(AccessRule.Read).AllowQuery("tenantId", "groupId", "limit", "cursor")
            .WithSummary("Users of your tenant (the broker's admins, auditors and finance: of every tenant)");
        group.MapGet("/{id}", Get).Allow(AccessRule.Read).AllowQuery().WithSummary("One user with its roles and groups").ProducesProblem(404);
        group.MapPost("/", Create).Allow(AccessRule.ManageTenant).AllowQuery().WithSummary("Add a user to a tenant")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
        group.MapPut("/{id}", (string id, [FromBody] UserRequest body, HttpContext http, BrokerDbContext db, OidcSettings oidc, TimeProvider time, IIdentityChanges changes, CancellationToken ct) =>
                Change(id, body, replace: true, http, db, oidc, time, changes, ct))
            .Allow(AccessRule.ManageTenant).AllowQuery().WithSummary("Replace a user (If-Match)")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        group.MapPatch("/{id}", (string id, [FromBody] UserRequest body, HttpContext http, BrokerDbContext db, OidcSettings oidc, TimeProvider time, IIdentityChanges changes, CancellationToken ct) =>
                Change(id, body, replace: false, http, db, oidc, time, changes, ct))
            .Allow(AccessRule.ManageTenant).AllowQuery().WithSummary("Change some of a user's properties (If-Match)")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        group.MapDelete("/{id}", Disable).Allow(AccessRule.ManageTenant).AllowQuery().WithSummary("Disable a user and revoke its keys")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<Ok<Page<UserModel>>> List(
        HttpContext http, BrokerDbContext db, string? tenantId, string? groupId, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var caller = Caller.From(http.User);
        var query = db.Set<User>().AsNoTracking();
        if ((caller.ReadFilter ?? tenantId) is { } tenant)
        {
            query = query.Where(u => u.TenantId == tenant);
        }

        if (groupId is not null)
        {
            query = query.Where(u => db.Set<GroupMember>().Any(m => m.UserId == u.Id && m.GroupId == groupId));
        }

        if (page.After is not null)
        {
            query = query.Where(u => string.Compare(u.Id, page.After) > 0);
        }

        var fetched = await query.OrderBy(u => u.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Cut(fetched, u => u.Id);
        var ids = items.Select(u => u.Id).ToArray();
        var memberships = (await db.Set<GroupMember>().AsNoTracking().Where(m => ids.Contains(m.UserId)).ToListAsync(cancellationToken))
            .ToLookup(m => m.UserId, m => m.GroupId);
        return TypedResults.Ok(new Page<UserModel>([.. items.Select(u => u.ToModel(Ordered(memberships[u.Id], u.DefaultGroupId)))], next));
    }

    private static async Task<Ok<UserModel>> Get(string id, HttpContext http, BrokerDbContext db, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id, Caller.From(http.User), db, cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(user.Version);
        return TypedResults.Ok(user.ToModel(await UserKeys.GroupsOfAsync(db, user.Id, user.DefaultGroupId, cancellationToken)));
    }

    private static async Task<Created<UserModel>> Create(
        [FromBody] UserRequest body, HttpContext http, BrokerDbContext db, OidcSettings oidc, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var tenantId = body.TenantId ?? caller.TenantId;
        if (!caller.CanSee(tenantId) || !await db.Set<Tenant>().AnyAsync(t => t.Id == tenantId, cancellationToken))
        {
            throw ProblemException.Invalid("/tenantId", $"no tenant '{tenantId}'");
        }

        var changes = await UserChanges.CheckAsync(Input(body) with { Disabled = body.Disabled ?? false }, replace: true, null, [], tenantId, caller, oidc, db, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var user = new User
        {
            Id = Guid.CreateVersion7().ToString(), TenantId = tenantId, Name = changes.Name, DefaultGroupId = changes.DefaultGroupId,
            Roles = string.Empty, CreatedAt = now, UpdatedAt = now, Version = 1,
        };
        changes.ApplyTo(user, db, [], now);
        db.Add(user);
        await SaveAsync(db, cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(user.Version);
        return TypedResults.Created("/api/users/" + user.Id, user.ToModel(changes.GroupIds));
    }

    private static async Task<Ok<UserModel>> Change(
        string id, UserRequest body, bool replace, HttpContext http, BrokerDbContext db, OidcSettings oidc, TimeProvider time, IIdentityChanges identityChanges,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var user = await FindManagedAsync(id, caller, db, cancellationToken);
        IfMatch.Require(http, user.Version);
        if (body.TenantId is not null && body.TenantId != user.TenantId)
        {
            throw ProblemException.Invalid("/tenantId", "a user cannot move to another tenant");
        }

        if (replace && (body.Name is null || body.Roles is null || body.GroupIds is null))
        {
            throw ProblemException.Invalid(body.Name is null ? "/name" : body.Roles is null ? "/roles" : "/groupIds", "is required when replacing a user (PATCH changes some properties)");
        }

        var groups = await UserKeys.GroupsOfAsync(db, user.Id, user.DefaultGroupId, cancellationToken);
        var request = replace ? Input(body) with { Disabled = body.Disabled ?? false } : Input(body);
        var changes = await UserChanges.CheckAsync(request, replace, user, groups, user.TenantId, caller, oidc, db, cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        changes.ApplyTo(user, db, groups, now);
        user.Version++;
        await SaveAsync(db, cancellationToken);
        if (changes.Disabled)
        {
            await RevokeKeysAsync(db, user.Id, now, cancellationToken);
        }

        await identityChanges.AnnounceAsync(db, cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(user.Version);
        return TypedResults.Ok(user.ToModel(changes.GroupIds.OrderBy(g => g == changes.DefaultGroupId ? 0 : 1).ThenBy(g => g, StringComparer.Ordinal).ToArray()));
    }

    private static async Task<NoContent> Disable(
        string id, HttpContext http, BrokerDbContext db, OidcSettings oidc, TimeProvider time, IIdentityChanges identityChanges, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var user = await FindManagedAsync(id, caller, db, cancellationToken);
        var groups = await UserKeys.GroupsOfAsync(db, user.Id, user.DefaultGroupId, cancellationToken);
        var changes = await UserChanges.CheckAsync(new UserInput(Disabled: true), replace: false, user, groups, user.TenantId, caller, oidc, db, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        changes.ApplyTo(user, db, groups, now);
        user.Version++;
        await SaveAsync(db, cancellationToken);
        await RevokeKeysAsync(db, user.Id, now, cancellationToken);
        await identityChanges.AnnounceAsync(db, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>What the body asks of the user (its <c>tenantId</c> is the handler's: it picks the tenant, or may not change it).</summary>
    private static UserInput Input(UserRequest body) =>
        new(body.Name, body.Email, body.Roles, body.GroupIds, body.DefaultGroupId, body.Subject, body.Disabled);

    /// <summary>A user the caller may read; another tenant's answers 404 (no existence leak).</summary>
    private static async Task<User> FindAsync(string id, Caller caller, BrokerDbContext db, CancellationToken cancellationToken)
    {
        var user = await db.Set<User>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is not null && caller.CanRead(user.TenantId) ? user : throw ProblemException.NotFound($"user '{id}'");
    }

    /// <summary>
    /// A user of a tenant the caller changes (another tenant's answers 404, even where the caller may read it), tracked;
    /// 403 unless the caller may manage it as it is (<see cref="UserAuthority"/>), before any precondition is looked at.
    /// </summary>
    internal static async Task<User> FindManagedAsync(string id, Caller caller, BrokerDbContext db, CancellationToken cancellationToken, Action<Caller, User>? rule = null)
    {
        var user = await db.Set<User>().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null || !caller.CanSee(user.TenantId))
        {
            throw ProblemException.NotFound($"user '{id}'");
        }

        (rule ?? UserAuthority.EnsureMayManage)(caller, user);
        return user;
    }

    private static Task<int> RevokeKeysAsync(BrokerDbContext db, string userId, DateTime now, CancellationToken cancellationToken) =>
        db.Set<ApiKey>().Where(k => k.UserId == userId && k.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken);

    private static async Task SaveAsync(BrokerDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await ConcurrentSave.SaveAsync(db, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            throw new ProblemException(ProblemTypes.Conflict, "another user of this tenant already has this subject (a subject maps to one user per issuer and tenant)");
        }
    }

    private static string[] Ordered(IEnumerable<string> groups, string defaultGroupId) =>
        [.. groups.OrderBy(g => g == defaultGroupId ? 0 : 1).ThenBy(g => g, StringComparer.Ordinal)];
}
