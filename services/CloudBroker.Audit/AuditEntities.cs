using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Audit;

/// <summary>The audit log's entities in the one context: the append-only <c>audit_log</c> table.</summary>
public sealed class AuditEntities : IEntityContributor
{
    public void Configure(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());
}
