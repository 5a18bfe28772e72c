using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Persistence;

/// <summary>
/// An area's entities in the one context: each area (provisioning, identity, audit, quotas, later accounting)
/// adds its entity configurations, so its rows commit in the same transaction as the outbox.
/// ("Model" is the word of the API's wire shapes, whose type names are the OpenAPI schema names.)
/// </summary>
public interface IEntityContributor
{
    void Configure(ModelBuilder modelBuilder);
}
