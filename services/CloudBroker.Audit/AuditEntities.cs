using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Audit;

/// <summary>The audit log's part of the one model: the append-only <c>audit_log</c> table.</summary>
public sealed class AuditModel : IModelContributor
{
    public void Configure(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());
}
