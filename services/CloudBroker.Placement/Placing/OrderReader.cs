using CloudBroker.Persistence;
using CloudBroker.Placement.Decisions;
using CloudBroker.Placement.ImageFamilies;
using CloudBroker.Placement.Inventory;
using CloudBroker.Placement.Sizes;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Quotas.Limits;
using CloudBroker.Quotas.Pricing;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Placement.Placing;

/// <summary>
/// Reads what a decision needs to know of the caller, before it (a handful of indexed reads, nothing locked): the size
/// and image family by name, the policy (the order's, else the tenant's, else <c>private-first</c>), the quotas' room
/// (limit − used − reserved, as last committed: the reservation at the save stays the exact check) and where the
/// tenant's live machines of the anti-affinity group are (their claims).
/// </summary>
internal static class OrderReader
{
    public static async Task<PlacementOrder> ReadAsync(
        BrokerDbContext db, PlacementAsk ask, IHourlyPrices? prices, bool quotasEnabled, DateTime now, CancellationToken cancellationToken)
    {
        var size = await db.Set<Size>().AsNoTracking().Where(s => s.Name == ask.Size).OrderBy(s => s.Id).FirstOrDefaultAsync(cancellationToken)
            ?? throw ProblemException.Invalid("/size", $"no size '{ask.Size}'", new FieldLimit(Values: await NamesAsync(db.Set<Size>().Select(s => s.Name), cancellationToken)));
        var family = await db.Set<ImageFamily>().AsNoTracking().Where(f => f.Name == ask.ImageFamily).OrderBy(f => f.Id).FirstOrDefaultAsync(cancellationToken)
            ?? throw ProblemException.Invalid("/imageFamily", $"no image family '{ask.ImageFamily}'",
                new FieldLimit(Values: await NamesAsync(db.Set<ImageFamily>().Select(f => f.Name), cancellationToken)));
        var policy = await PolicyAsync(db, ask, cancellationToken);
        var (quota, byProvider) = quotasEnabled ? await QuotaRoomAsync(db, ask, cancellationToken) : (QuotaRoom.Unlimited, new Dictionary<string, QuotaRoom>());
        var occupied = ask.AntiAffinityGroup is null ? new Dictionary<string, int>() : await OccupiedAsync(db, ask.TenantId, ask.AntiAffinityGroup, cancellationToken);
        return new PlacementOrder(
            ask.TenantId, ask.GroupId, size.Cpu, size.MemoryMiB, size.StorageGiB, family.Images, ask.Capabilities, ask.PoolId, ask.RealmId, policy,
            ask.AntiAffinityGroup is null ? null : new AntiAffinity(ask.AntiAffinityGroup, ask.AntiAffinityRequired),
            quota, byProvider, occupied,
            (providerId, profile, cpu, memory, storage) => prices?.HourlyPrice(ask.TenantId, providerId, profile.Id, cpu, memory, storage, now) ?? 0);
    }

    private static async Task<PlacementPolicy> PolicyAsync(BrokerDbContext db, PlacementAsk ask, CancellationToken cancellationToken)
    {
        if (ask.Policy is not null)
        {
            return PlacementPolicies.Parse(ask.Policy)
                ?? throw ProblemException.Invalid("/placementPolicy", $"'{ask.Policy}' is not a placement policy", new FieldLimit(Values: [.. PlacementPolicies.Names]));
        }

        var stored = await db.Set<TenantPlacementPolicy>().AsNoTracking().Where(p => p.TenantId == ask.TenantId).Select(p => p.Policy).FirstOrDefaultAsync(cancellationToken);
        return PlacementPolicies.Parse(stored) ?? PlacementPolicies.Default;
    }

    private static async Task<(QuotaRoom, Dictionary<string, QuotaRoom>)> QuotaRoomAsync(BrokerDbContext db, PlacementAsk ask, CancellationToken cancellationToken)
    {
        var quotas = await db.Set<Quota>().AsNoTracking()
            .Where(q => (q.Scope == QuotaScopes.Tenant && q.ScopeId == ask.TenantId) || (q.Scope == QuotaScopes.Group && q.ScopeId == ask.GroupId)
                || (q.Scope == QuotaScopes.User && q.ScopeId == ask.OwnerId) || q.Scope == QuotaScopes.Provider)
            .ToListAsync(cancellationToken);
        var room = QuotaRoom.Unlimited;
        var byProvider = new Dictionary<string, QuotaRoom>(StringComparer.Ordinal);
        foreach (var quota in quotas)
        {
            var left = new QuotaRoom(Left(quota.Instances), Left(quota.Cpu), Left(quota.MemoryMiB), Left(quota.StorageGiB));
            if (quota.Scope == QuotaScopes.Provider)
            {
                byProvider[quota.ScopeId] = left;
            }
            else
            {
                room = new QuotaRoom(Min(room.Instances, left.Instances), Min(room.Cpu, left.Cpu), Min(room.MemoryMiB, left.MemoryMiB), Min(room.StorageGiB, left.StorageGiB));
            }
        }

        return (room, byProvider);
    }

    /// <summary>"provider/realm" → how many of the tenant's live machines recorded with <paramref name="antiAffinityGroup"/> are counted there.</summary>
    private static async Task<Dictionary<string, int>> OccupiedAsync(BrokerDbContext db, string tenantId, string antiAffinityGroup, CancellationToken cancellationToken)
    {
        var rows = await (from claim in db.Set<CapacityClaim>().AsNoTracking()
                          join record in db.Set<PlacementRecord>().AsNoTracking() on claim.InstanceId equals record.InstanceId
                          where record.TenantId == tenantId && record.AntiAffinityGroup == antiAffinityGroup && claim.TenantId == tenantId
                          select new { claim.InventoryId, record.ProviderId }).ToListAsync(cancellationToken);
        var occupied = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var realm = row.InventoryId[(row.InventoryId.IndexOf('/', StringComparison.Ordinal) + 1)..]; // pool ids are names: no '/'
            var key = PlacementOrder.PlaceKey(row.ProviderId, realm);
            occupied[key] = occupied.GetValueOrDefault(key) + 1;
        }

        return occupied;
    }

    private static long? Left(ResourceQuota quota) => quota.Limit is { } limit ? limit - quota.Used - quota.Reserved : null;

    private static long? Min(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static async Task<string[]> NamesAsync(IQueryable<string> names, CancellationToken cancellationToken) =>
        [.. await names.OrderBy(n => n).Take(100).ToListAsync(cancellationToken)];
}
