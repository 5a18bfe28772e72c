using CloudBroker.Accounting.Periods;
using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Identity.Tenancy;
using CloudBroker.Identity.Users;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Instances;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Apis;

/// <summary>Tenants: admins manage them; the broker's auditors and finance read every one; everyone else sees only their own.</summary>
internal static class TenantsApi
{
    public const string DefaultGroupName = "default";

    public static void MapTenantsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/tenants").WithTags("Tenants");
        group.MapGet("/", List).Allow(AccessRule.Read).AllowQuery("limit", "cursor").WithSummary("Tenants (yours; every one for the broker's admins, auditors and finance)");
        group.MapGet("/{id}", Get).Allow(AccessRule.Read).AllowQuery().WithSummary("One tenant").ProducesProblem(404);
        group.MapPost("/", Create).Allow(AccessRule.Admin).AllowQuery().WithSummary("Create a tenant and its group 'default'").ProducesProblem(400);
        group.MapPut("/{id}", Update).Allow(AccessRule.Admin).AllowQuery().WithSummary("Rename or describe a tenant (If-Match)")
            .ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        group.MapDelete("/{id}", Delete).Allow(AccessRule.Admin).AllowQuery().WithSummary("Delete a tenant that has no users and no machines left")
            .ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<Ok<Page<TenantModel>>> List(HttpContext http, BrokerDbContext db, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var caller = Caller.From(http.User);
        var query = db.Set<Tenant>().AsNoTracking();
        if (caller.ReadFilter is { } own)
        {
            query = query.Where(t => t.Id == own);
        }

        if (page.After is not null)
        {
            query = query.Where(t => string.Compare(t.Id, page.After) > 0);
        }

        var fetched = await query.OrderBy(t => t.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Cut(fetched, t => t.Id);
        return TypedResults.Ok(new Page<TenantModel>([.. items.Select(t => t.ToModel())], next));
    }

    private static async Task<Ok<TenantModel>> Get(string id, HttpContext http, BrokerDbContext db, CancellationToken cancellationToken)
    {
        var tenant = await FindAsync(id, http, db, cancellationToken, change: false);
        http.Response.Headers.ETag = WireMapping.ETag(tenant.Version);
        return TypedResults.Ok(tenant.ToModel());
    }

    private static async Task<Created<TenantModel>> Create([FromBody] TenantRequest body, HttpContext http, BrokerDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ResourceName.Check(body.Name, "/name");
        var now = time.GetUtcNow().UtcDateTime;
        var tenant = new Tenant { Id = Guid.CreateVersion7().ToString(), Name = body.Name!, Description = body.Description, CreatedAt = now, UpdatedAt = now, Version = 1 };
        db.Add(tenant);
        db.Add(new Group { Id = Guid.CreateVersion7().ToString(), TenantId = tenant.Id, Name = DefaultGroupName, CreatedAt = now, UpdatedAt = now, Version = 1 });
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(tenant.Version);
        return TypedResults.Created("/api/tenants/" + tenant.Id, tenant.ToModel());
    }

    private static async Task<Ok<TenantModel>> Update(
        string id, [FromBody] TenantRequest body, HttpContext http, BrokerDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var tenant = await FindAsync(id, http, db, cancellationToken);
        IfMatch.Require(http, tenant.Version);
        ResourceName.Check(body.Name, "/name");
        tenant.Name = body.Name!;
        tenant.Description = body.Description;
        tenant.UpdatedAt = time.GetUtcNow().UtcDateTime;
        tenant.Version++;
        await ConcurrentSave.SaveAsync(db, cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(tenant.Version);
        return TypedResults.Ok(tenant.ToModel());
    }

    private static async Task<NoContent> Delete(string id, HttpContext http, BrokerDbContext db, BillingPeriods periods, TimeProvider time, CancellationToken cancellationToken)
    {
        var tenant = await FindAsync(id, http, db, cancellationToken);
        if (tenant.Id == SystemTenant.TenantId)
        {
            throw new ProblemException(ProblemTypes.Conflict, "the system tenant holds the bootstrap admin and cannot be deleted");
        }

        if (await db.Set<User>().AnyAsync(u => u.TenantId == id, cancellationToken)
            || await db.Set<Instance>().AnyAsync(i => i.TenantId == id && i.State != InstanceState.Terminated, cancellationToken))
        {
            throw new ProblemException(ProblemTypes.Conflict, $"tenant '{id}' still has users or machines; delete them first");
        }

        // The names stay with the open billing periods (closed ones recorded theirs), for reports and exports.
        var groupIds = await db.Set<Group>().Where(g => g.TenantId == id).Select(g => g.Id).ToListAsync(cancellationToken);
        await PeriodNames.KeepAsync(db, periods, time.GetUtcNow().UtcDateTime, id, groupIds, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.Set<Group>().Where(g => g.TenantId == id).ExecuteDeleteAsync(cancellationToken);
        db.Remove(tenant);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>A tenant the caller may read, or (tracked) change; any other answers 404.</summary>
    private static async Task<Tenant> FindAsync(string id, HttpContext http, BrokerDbContext db, CancellationToken cancellationToken, bool change = true)
    {
        var caller = Caller.From(http.User);
        var query = change ? db.Set<Tenant>() : db.Set<Tenant>().AsNoTracking();
        var tenant = await query.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        return tenant is not null && (change ? caller.CanSee(tenant.Id) : caller.CanRead(tenant.Id)) ? tenant : throw ProblemException.NotFound($"tenant '{id}'");
    }
}
