using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Persistence;

/// <summary>
/// An area's part of the one model: each area (provisioning, identity, later quotas and accounting)
/// adds its entity configurations, so its rows commit in the same transaction as the outbox.
/// </summary>
public interface IModelContributor
{
    void Configure(ModelBuilder modelBuilder);
}
