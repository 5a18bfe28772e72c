using CloudBroker.Accounting.Periods;
using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Identity.Authentication;
using CloudBroker.Identity.Tenancy;
using CloudBroker.Identity.Users;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Instances;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Apis;

/// <summary>Groups of a tenant: everyone of the tenant (and the broker's admins, auditors and finance) reads them; admins and tenant-admins manage them.</summary>
internal static class GroupsApi
{
    public static void MapGroupsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/groups").WithTags("Groups");
        group.MapGet("/", List).Allow(AccessRule.Read).AllowQuery("tenantId", "limit", "cursor").WithSummary("Groups of your tenant (the broker's admins, auditors and finance: of every tenant)");
        group.MapGet("/{id}", Get).Allow(AccessRule.Read).AllowQuery().WithSummary("One group").ProducesProblem(404);
        group.MapPost("/", Create).Allow(AccessRule.ManageTenant).AllowQuery().WithSummary("Create a group").ProducesProblem(400).ProducesProblem(404);
        group.MapPut("/{id}", Update).Allow(AccessRule.ManageTenant).AllowQuery().WithSummary("Rename or describe a group (If-Match)")
            .ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        group.MapDelete("/{id}", Delete).Allow(AccessRule.ManageTenant).AllowQuery()
            .WithSummary("Delete a group nobody defaults to and no machine is charged to").ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<Ok<Page<GroupModel>>> List(
        HttpContext http, BrokerDbContext db, string? tenantId, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var caller = Caller.From(http.User);
        var query = db.Set<Group>().AsNoTracking();
        if ((caller.ReadFilter ?? tenantId) is { } tenant)
        {
            query = query.Where(g => g.TenantId == tenant);
        }

        if (page.After is not null)
        {
            query = query.Where(g => string.Compare(g.Id, page.After) > 0);
        }

        var fetched = await query.OrderBy(g => g.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Cut(fetched, g => g.Id);
        return TypedResults.Ok(new Page<GroupModel>([.. items.Select(g => g.ToModel())], next));
    }

    private static async Task<Ok<GroupModel>> Get(string id, HttpContext http, BrokerDbContext db, CancellationToken cancellationToken)
    {
        var group = await FindAsync(id, Caller.From(http.User), db, cancellationToken, change: false);
        http.Response.Headers.ETag = WireMapping.ETag(group.Version);
        return TypedResults.Ok(group.ToModel());
    }

    private static async Task<Created<GroupModel>> Create([FromBody] GroupRequest body, HttpContext http, BrokerDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        ResourceName.Check(body.Name, "/name");
        var tenantId = body.TenantId ?? caller.TenantId;
        if (!caller.CanSee(tenantId) || !await db.Set<Tenant>().AnyAsync(t => t.Id == tenantId, cancellationToken))
        {
            throw ProblemException.Invalid("/tenantId", $"no tenant '{tenantId}'");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var group = new Group { Id = Guid.CreateVersion7().ToString(), TenantId = tenantId, Name = body.Name!, Description = body.Description, CreatedAt = now, UpdatedAt = now, Version = 1 };
        db.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(group.Version);
        return TypedResults.Created("/api/groups/" + group.Id, group.ToModel());
    }

    private static async Task<Ok<GroupModel>> Update(
        string id, [FromBody] GroupRequest body, HttpContext http, BrokerDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var group = await FindAsync(id, Caller.From(http.User), db, cancellationToken);
        IfMatch.Require(http, group.Version);
        if (body.TenantId is not null && body.TenantId != group.TenantId)
        {
            throw ProblemException.Invalid("/tenantId", "a group cannot move to another tenant");
        }

        ResourceName.Check(body.Name, "/name");
        group.Name = body.Name!;
        group.Description = body.Description;
        group.UpdatedAt = time.GetUtcNow().UtcDateTime;
        group.Version++;
        await ConcurrentSave.SaveAsync(db, cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(group.Version);
        return TypedResults.Ok(group.ToModel());
    }

    /// <summary>
    /// Deletes the group and its memberships. It first locks the group against new charges (<see cref="GroupCharges"/>),
    /// so a create in flight either commits first, and its machine keeps the group, or finds no group; every process
    /// then forgets cached memberships of it at once. Its name is kept for the open billing periods (<see cref="PeriodNames"/>).
    /// </summary>
    private static async Task<NoContent> Delete(
        string id, HttpContext http, BrokerDbContext db, IIdentityChanges identityChanges, BillingPeriods periods, TimeProvider time, CancellationToken cancellationToken)
    {
        var group = await FindAsync(id, Caller.From(http.User), db, cancellationToken);
        await using (var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null)
        {
            if (!await GroupCharges.LockForDeleteAsync(db, id, cancellationToken))
            {
                throw ProblemException.NotFound($"group '{id}'");
            }

            if (await db.Set<User>().AnyAsync(u => u.DefaultGroupId == id, cancellationToken)
                || await db.Set<Instance>().AnyAsync(i => i.GroupId == id && i.State != InstanceState.Terminated, cancellationToken))
            {
                throw new ProblemException(ProblemTypes.Conflict, $"group '{id}' is a user's default group or machines are charged to it");
            }

            await PeriodNames.KeepAsync(db, periods, time.GetUtcNow().UtcDateTime, group.TenantId, [group.Id], cancellationToken);
            db.Remove(group);
            await db.SaveChangesAsync(cancellationToken);
            if (owned is not null)
            {
                await owned.CommitAsync(cancellationToken);
            }
        }

        await identityChanges.AnnounceAsync(db, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>A group the caller may read, or (tracked) change; another tenant's answers 404 (no existence leak).</summary>
    private static async Task<Group> FindAsync(string id, Caller caller, BrokerDbContext db, CancellationToken cancellationToken, bool change = true)
    {
        var query = change ? db.Set<Group>() : db.Set<Group>().AsNoTracking();
        var group = await query.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        return group is not null && (change ? caller.CanSee(group.TenantId) : caller.CanRead(group.TenantId)) ? group : throw ProblemException.NotFound($"group '{id}'");
    }
}
