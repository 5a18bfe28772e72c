using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Identity.Tenancy;
using CloudBroker.Persistence;
using CloudBroker.Placement.Decisions;
using CloudBroker.Placement.Inventory;
using CloudBroker.Placement.Placing;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Instances;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Apis;

/// <summary>
/// Placement (docs/placement.md): the preview of a decision, claiming nothing; why an instance is where it is (whoever
/// may read the instance); and a tenant's default placement policy (its admins and the broker's set it).
/// </summary>
internal static class PlacementsApi
{
    public static void MapPlacementsApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/placements/preview", Preview).WithTags("Placement").Allow(AccessRule.Operate).AllowQuery()
            .WithSummary("Where a create by size and image family would go: every candidate you may use, each filter's verdict, each weigher's part (claims nothing)")
            .ProducesProblem(400);
        api.MapGet("/instances/{id}/placement", OfInstance).WithTags("Placement").Allow(AccessRule.Read).AllowQuery()
            .WithSummary("Why the instance was placed where it is (instances the broker placed)").ProducesProblem(404);
        api.MapGet("/tenants/{id}/placement-policy", GetPolicy).WithTags("Placement").Allow(AccessRule.Read).AllowQuery()
            .WithSummary("The tenant's default placement policy").ProducesProblem(404);
        api.MapPut("/tenants/{id}/placement-policy", PutPolicy).WithTags("Placement").Allow(AccessRule.ManageTenant).AllowQuery()
            .WithSummary("Set the tenant's default placement policy: private-first, private-only or cheapest").ProducesProblem(400).ProducesProblem(404);
    }

    /// <summary>The anti-affinity group asked, checked (a group is required when <c>antiAffinity</c> is given).</summary>
    public static string? GroupOf(AntiAffinityModel? antiAffinity) =>
        antiAffinity is null ? null : antiAffinity.Group ?? throw ProblemException.Invalid("/antiAffinity/group", "is required");

    private static async Task<Ok<PlacementExplanation>> Preview([FromBody] PlacementPreviewRequest body, HttpContext http, BrokerDbContext db, Placer placer, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var needed = new List<string>();
        needed.AddRange(body.KeyId is null ? [] : [Drivers.Capability.SshKey]);
        needed.AddRange(body.UserData is null ? [] : [Drivers.Capability.UserData]);
        needed.AddRange(body.RealmId is null ? [] : [Drivers.Capability.RealmChoice]);
        var ask = new PlacementAsk(caller.TenantId, caller.ChargedGroup(body.GroupId), caller.UserId, Required(body.Size, "/size"), Required(body.ImageFamily, "/imageFamily"),
            body.Pool, body.RealmId, body.PlacementPolicy, GroupOf(body.AntiAffinity), body.AntiAffinity?.Required ?? false, needed);
        return TypedResults.Ok(await placer.PreviewAsync(db, ask, cancellationToken));
    }

    private static async Task<Ok<InstancePlacementModel>> OfInstance(string id, HttpContext http, BrokerDbContext db, CancellationToken cancellationToken)
    {
        var instance = await InstancesApi.FindReadableAsync(db, id, Caller.From(http.User));
        var record = await db.Set<PlacementRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.InstanceId == instance.Id, cancellationToken)
            ?? throw ProblemException.NotFound($"placement of instance '{id}' (it named its provider, or was adopted: the broker did not place it)");
        var decision = Explanations.Deserialize(record.Explanation) ?? throw new InvalidOperationException($"placement of '{id}' is unreadable");
        var counted = await db.Set<CapacityClaim>().AsNoTracking().Where(c => c.InstanceId == instance.Id).Select(c => c.InventoryId).FirstOrDefaultAsync(cancellationToken);
        var (poolId, realmId) = counted is null ? (decision.Chosen?.PoolId, instance.RealmId ?? decision.Chosen?.RealmId)
            : (counted[..counted.IndexOf('/', StringComparison.Ordinal)], counted[(counted.IndexOf('/', StringComparison.Ordinal) + 1)..]);
        return TypedResults.Ok(new InstancePlacementModel(instance.Id, record.ProviderId, poolId, realmId, decision));
    }

    private static async Task<Ok<PlacementPolicyModel>> GetPolicy(string id, HttpContext http, BrokerDbContext db, CancellationToken cancellationToken)
    {
        await TenantAsync(id, http, db, change: false, cancellationToken);
        var stored = await db.Set<TenantPlacementPolicy>().AsNoTracking().FirstOrDefaultAsync(p => p.TenantId == id, cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(stored?.Version ?? 0);
        return TypedResults.Ok(ToModel(id, stored));
    }

    /// <summary>Replaces the policy; <c>If-Match</c> is honoured when given (the first set has version 0).</summary>
    private static async Task<Ok<PlacementPolicyModel>> PutPolicy(
        string id, [FromBody] PlacementPolicyRequest body, HttpContext http, BrokerDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        await TenantAsync(id, http, db, change: true, cancellationToken);
        var policy = PlacementPolicies.Parse(Required(body.Policy, "/policy"))
            ?? throw ProblemException.Invalid("/policy", $"'{body.Policy}' is not a placement policy", new FieldLimit(Values: [.. PlacementPolicies.Names]));
        var stored = await db.Set<TenantPlacementPolicy>().FirstOrDefaultAsync(p => p.TenantId == id, cancellationToken);
        if (http.Request.Headers.IfMatch.Count > 0)
        {
            IfMatch.Require(http, stored?.Version ?? 0);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (stored is null)
        {
            stored = new TenantPlacementPolicy { TenantId = id, Policy = policy.Wire(), UpdatedAt = now };
            db.Add(stored);
        }
        else
        {
            stored.Policy = policy.Wire();
            stored.UpdatedAt = now;
            stored.Version++;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw IfMatch.Stale(); // set by another request a moment ago
        }

        http.Response.Headers.ETag = WireMapping.ETag(stored.Version);
        return TypedResults.Ok(ToModel(id, stored));
    }

    /// <summary>The tenant, if the caller may read it (or change it: its own as a tenant admin, any as an admin); else 404 like a random id.</summary>
    private static async Task TenantAsync(string id, HttpContext http, BrokerDbContext db, bool change, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        if (!(change ? caller.CanSee(id) : caller.CanRead(id)) || !await db.Set<Tenant>().AnyAsync(t => t.Id == id, cancellationToken))
        {
            throw ProblemException.NotFound($"tenant '{id}'");
        }
    }

    private static PlacementPolicyModel ToModel(string tenantId, TenantPlacementPolicy? stored) =>
        new(tenantId, stored?.Policy ?? PlacementPolicies.Default.Wire(), stored is null, stored?.UpdatedAt);

    private static string Required(string? value, string pointer) =>
        string.IsNullOrEmpty(value) ? throw ProblemException.Invalid(pointer, "is required") : value;
}
