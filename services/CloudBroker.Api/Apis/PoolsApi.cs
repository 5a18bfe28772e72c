using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Persistence;
using CloudBroker.Placement.Inventory;
using CloudBroker.Placement.Placing;
using CloudBroker.Placement.Pools;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Providers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Apis;

/// <summary>
/// Pools (docs/placement.md): the broker's admins manage them; everyone else reads only the pools open to its tenant or
/// one of its groups, without the lists of who else may use them. Another tenant's pool is a 404 like a random id.
/// </summary>
internal static class PoolsApi
{
    public static void MapPoolsApi(this IEndpointRouteBuilder api)
    {
        var pools = api.MapGroup("/pools").WithTags("Pools");
        pools.MapGet("/", List).Allow(AccessRule.Read).AllowQuery("providerId", "limit", "cursor").WithSummary("The pools you may draw from (admins: every pool)");
        pools.MapGet("/{id}", Get).Allow(AccessRule.Read).AllowQuery().WithSummary("One pool with its realms' capacity and allocation").ProducesProblem(404);
        pools.MapPost("/", Create).Allow(AccessRule.Admin).AllowQuery().WithSummary("Create a pool of a provider").ProducesProblem(400).ProducesProblem(409);
        pools.MapPut("/{id}", Update).Allow(AccessRule.Admin).AllowQuery().WithSummary("Replace a pool's settings (If-Match)")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        pools.MapDelete("/{id}", Delete).Allow(AccessRule.Admin).AllowQuery()
            .WithSummary("Delete a pool no live machine draws from (a provider's default pool is disabled instead)").ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<Ok<Page<PoolModel>>> List(
        HttpContext http, BrokerDbContext db, string? providerId, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var caller = Caller.From(http.User);
        var query = db.Set<Pool>().AsNoTracking();
        if (providerId is not null)
        {
            query = query.Where(p => p.ProviderId == providerId);
        }

        if (page.After is not null)
        {
            query = query.Where(p => string.Compare(p.Id, page.After) > 0);
        }

        // Who may use a pool is a list in the row: decided here, over the few pools a broker has.
        var visible = (await query.OrderBy(p => p.Id).ToListAsync(cancellationToken)).Where(p => Sees(caller, p)).Take(page.Limit + 1).ToList();
        var (items, next) = page.Cut(visible, p => p.Id);
        var ids = items.Select(p => p.Id).ToList();
        var rows = await db.Set<PoolInventory>().AsNoTracking().Where(r => ids.Contains(r.PoolId)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<PoolModel>([.. items.Select(p => ToModel(p, rows, caller))], next));
    }

    private static async Task<Ok<PoolModel>> Get(string id, HttpContext http, BrokerDbContext db, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var pool = await db.Set<Pool>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pool is null || !Sees(caller, pool))
        {
            throw ProblemException.NotFound($"pool '{id}'");
        }

        http.Response.Headers.ETag = WireMapping.ETag(pool.Version);
        return TypedResults.Ok(await ModelAsync(db, pool, caller, cancellationToken));
    }

    private static async Task<Created<PoolModel>> Create(
        [FromBody] PoolRequest body, HttpContext http, BrokerDbContext db, ProviderRegistry providers, TimeProvider time, PlacementSnapshots snapshots,
        CancellationToken cancellationToken)
    {
        ResourceName.Check(body.Id, "/id");
        var provider = providers.Find(body.ProviderId ?? "")
            ?? throw ProblemException.Invalid("/providerId", $"no provider '{body.ProviderId}'", new FieldLimit(Values: [.. providers.All.Select(p => p.Id).Take(100)]));
        if (await db.Set<Pool>().AnyAsync(p => p.Id == body.Id, cancellationToken))
        {
            throw new ProblemException(ProblemTypes.Conflict, $"pool '{body.Id}' exists");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var pool = new Pool { Id = body.Id!, ProviderId = provider.Id, CreatedAt = now, UpdatedAt = now };
        Apply(body, pool, provider);
        db.Add(pool);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new ProblemException(ProblemTypes.Conflict, $"pool '{body.Id}' exists"); // made by another request a moment ago
        }

        await InventorySync.ApplyAsync(db, pool, provider.Catalog.Realms.Select(r => r.Id), null, now, cancellationToken);
        snapshots.Invalidate();
        http.Response.Headers.ETag = WireMapping.ETag(pool.Version);
        return TypedResults.Created("/api/pools/" + pool.Id, await ModelAsync(db, pool, Caller.From(http.User), cancellationToken));
    }

    private static async Task<Ok<PoolModel>> Update(
        string id, [FromBody] PoolRequest body, HttpContext http, BrokerDbContext db, ProviderRegistry providers, TimeProvider time, PlacementSnapshots snapshots,
        CancellationToken cancellationToken)
    {
        var pool = await db.Set<Pool>().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw ProblemException.NotFound($"pool '{id}'");
        IfMatch.Require(http, pool.Version);
        if ((body.Id is not null && body.Id != pool.Id) || (body.ProviderId is not null && body.ProviderId != pool.ProviderId))
        {
            throw ProblemException.Invalid(body.Id is not null && body.Id != pool.Id ? "/id" : "/providerId", "a pool keeps its id and its provider");
        }

        var provider = providers.Find(pool.ProviderId);
        Apply(body, pool, provider);
        var now = time.GetUtcNow().UtcDateTime;
        pool.UpdatedAt = now;
        pool.Version++;
        await ConcurrentSave.SaveAsync(db, cancellationToken);
        await InventorySync.ApplyAsync(db, pool, provider?.Catalog.Realms.Select(r => r.Id) ?? [], null, now, cancellationToken);
        snapshots.Invalidate(); // this process's next placement sees the change
        http.Response.Headers.ETag = WireMapping.ETag(pool.Version);
        return TypedResults.Ok(await ModelAsync(db, pool, Caller.From(http.User), cancellationToken));
    }

    private static async Task<NoContent> Delete(string id, BrokerDbContext db, PlacementSnapshots snapshots, CancellationToken cancellationToken)
    {
        var pool = await db.Set<Pool>().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw ProblemException.NotFound($"pool '{id}'");
        if (DefaultPools.IsDefault(pool))
        {
            throw new ProblemException(ProblemTypes.Conflict, $"pool '{id}' is provider '{pool.ProviderId}''s default pool: disable it or narrow who may use it instead");
        }

        var prefix = pool.Id + "/";
        if (await db.Set<CapacityClaim>().AnyAsync(c => c.InventoryId.StartsWith(prefix), cancellationToken))
        {
            throw new ProblemException(ProblemTypes.Conflict, $"live machines draw from pool '{id}': disable it, and delete it once they are gone");
        }

        db.Remove(pool);
        await db.Set<PoolInventory>().Where(r => r.PoolId == id).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        snapshots.Invalidate();
        return TypedResults.NoContent();
    }

    /// <summary>A PUT replaces every setting: one left out takes its default (100 %, no headroom, priority 0, enabled, open to none).</summary>
    private static void Apply(PoolRequest body, Pool pool, Provider? provider)
    {
        var available = provider?.Catalog.Realms.Select(r => r.Id).ToList() ?? [];
        var realms = body.Realms?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        for (var n = 0; n < realms.Count; n++)
        {
            if (provider is not null && !available.Contains(realms[n]))
            {
                throw ProblemException.Invalid($"/realms/{n}", $"provider '{pool.ProviderId}' has no realm '{realms[n]}'", new FieldLimit(Values: [.. available.Take(100)]));
            }
        }

        var declared = body.Capacity ?? [];
        for (var n = 0; n < declared.Count; n++)
        {
            if (string.IsNullOrEmpty(declared[n].RealmId) || (realms.Count > 0 && !realms.Contains(declared[n].RealmId!)))
            {
                throw ProblemException.Invalid($"/capacity/{n}/realmId", "must name one of the pool's realms", new FieldLimit(Values: [.. (realms.Count > 0 ? realms : available).Take(100)]));
            }
        }

        pool.Description = body.Description;
        pool.Realms = realms;
        pool.CpuRatio = (body.OvercommitPercent?.Cpu ?? 100) / 100.0;
        pool.MemoryRatio = (body.OvercommitPercent?.MemoryMiB ?? 100) / 100.0;
        pool.StorageRatio = (body.OvercommitPercent?.StorageGiB ?? 100) / 100.0;
        pool.HeadroomCpu = body.Headroom?.Cpu ?? 0;
        pool.HeadroomMemoryMiB = body.Headroom?.MemoryMiB ?? 0;
        pool.HeadroomStorageGiB = body.Headroom?.StorageGiB ?? 0;
        pool.Priority = (int)(body.Priority ?? 0); // within the declared limits
        pool.Enabled = body.Enabled ?? true;
        pool.OpenToAll = body.OpenToAll ?? false;
        pool.TenantIds = body.TenantIds?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        pool.GroupIds = body.GroupIds?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        pool.Declared = [.. declared.Select(d => new DeclaredCapacity(d.RealmId!, d.Cpu, d.MemoryMiB, d.StorageGiB))];
    }

    /// <summary>An admin sees every pool; anyone else the pools open to its tenant or one of its groups (enabled or not).</summary>
    private static bool Sees(Caller caller, Pool pool) => caller.IsAdmin || pool.IsVisibleTo(caller.TenantId, caller.GroupIds);

    private static async Task<PoolModel> ModelAsync(BrokerDbContext db, Pool pool, Caller caller, CancellationToken cancellationToken) =>
        ToModel(pool, await db.Set<PoolInventory>().AsNoTracking().Where(r => r.PoolId == pool.Id).ToListAsync(cancellationToken), caller);

    private static PoolModel ToModel(Pool pool, IEnumerable<PoolInventory> rows, Caller caller) => new(
        pool.Id,
        pool.ProviderId,
        DefaultPools.IsDefault(pool),
        pool.Description,
        pool.Realms,
        new PoolPercentModel(Percent(pool.CpuRatio), Percent(pool.MemoryRatio), Percent(pool.StorageRatio)),
        new PoolResourcesModel(pool.HeadroomCpu, pool.HeadroomMemoryMiB, pool.HeadroomStorageGiB),
        pool.Priority,
        pool.Enabled,
        pool.OpenToAll,
        caller.IsAdmin ? pool.TenantIds : null,
        caller.IsAdmin ? pool.GroupIds : null,
        [.. pool.Declared.Select(d => new DeclaredCapacityModel(d.RealmId, d.Cpu, d.MemoryMiB, d.StorageGiB))],
        [.. rows.Where(r => r.PoolId == pool.Id).OrderBy(r => r.RealmId, StringComparer.Ordinal).Select(r => new PoolRealmModel(
            r.RealmId,
            new PoolResourcesModel(r.CapacityCpu, r.CapacityMemoryMiB, r.CapacityStorageGiB),
            r.ProviderCpu is not null || r.ProviderMemoryMiB is not null || r.ProviderStorageGiB is not null ? "provider"
                : r.CapacityCpu is not null || r.CapacityMemoryMiB is not null || r.CapacityStorageGiB is not null ? "declared" : "unlimited",
            new PoolResourcesModel(Allocatable(r.CapacityCpu, pool.CpuRatio, pool.HeadroomCpu), Allocatable(r.CapacityMemoryMiB, pool.MemoryRatio, pool.HeadroomMemoryMiB),
                Allocatable(r.CapacityStorageGiB, pool.StorageRatio, pool.HeadroomStorageGiB)),
            new PoolResourcesModel(r.AllocatedCpu, r.AllocatedMemoryMiB, r.AllocatedStorageGiB),
            r.Generation,
            r.ReadAt))],
        pool.CreatedAt,
        pool.UpdatedAt);

    private static long Percent(double ratio) => (long)Math.Round(ratio * 100);

    private static long? Allocatable(long? capacity, double ratio, long headroom) => capacity is null ? null : Math.Max(0, (long)Math.Floor(capacity.Value * ratio) - headroom);
}
