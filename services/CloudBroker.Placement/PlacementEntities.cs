using CloudBroker.Persistence;
using CloudBroker.Placement.Decisions;
using CloudBroker.Placement.ImageFamilies;
using CloudBroker.Placement.Inventory;
using CloudBroker.Placement.Pools;
using CloudBroker.Placement.Sizes;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Placement;

/// <summary>Placement's entities in the one context: pools, their inventory rows and claims, sizes, image families, placement decisions and tenants' policies.</summary>
public sealed class PlacementEntities : IEntityContributor
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new PoolConfiguration());
        modelBuilder.ApplyConfiguration(new PoolInventoryConfiguration());
        modelBuilder.ApplyConfiguration(new CapacityClaimConfiguration());
        modelBuilder.ApplyConfiguration(new SizeConfiguration());
        modelBuilder.ApplyConfiguration(new ImageFamilyConfiguration());
        modelBuilder.ApplyConfiguration(new PlacementRecordConfiguration());
        modelBuilder.ApplyConfiguration(new TenantPlacementPolicyConfiguration());
    }
}
