using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CloudBroker.Audit;

/// <summary>
/// Notes, for the audited request on this async flow (<see cref="AuditedTenants"/>), the tenant of every row it loads
/// as an entity or saves. A row's tenant is its <c>TenantId</c> (every owned row has one), or its key for the tenants
/// table itself (the entity other rows' <c>TenantId</c> refers to). Outside an audited request it does nothing.
/// </summary>
internal sealed class AuditedTenantsInterceptor : ISaveChangesInterceptor, IMaterializationInterceptor
{
    /// <summary>
    /// The one instance: a materialization interceptor is part of the key of EF Core's internal service provider, so a
    /// new instance per host would build a new provider per host.
    /// </summary>
    public static readonly AuditedTenantsInterceptor Instance = new();

    private static readonly ConcurrentDictionary<IEntityType, IProperty?> TenantProperties = new();

    private AuditedTenantsInterceptor()
    {
    }

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (AuditedTenants.Current is { } scope)
        {
            Note(scope, materializationData.EntityType, entity);
        }

        return entity;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        NoteChanged(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        NoteChanged(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void NoteChanged(DbContext? context)
    {
        if (AuditedTenants.Current is not { } scope || context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                Note(scope, entry.Metadata, entry.Entity);
            }
        }
    }

    private static void Note(AuditedTenants scope, IEntityType type, object entity)
    {
        if (TenantProperties.GetOrAdd(type, TenantPropertyOf) is { } property && property.GetGetter().GetClrValue(entity) is string tenantId)
        {
            scope.Note(tenantId);
        }
    }

    private static IProperty? TenantPropertyOf(IEntityType type)
    {
        if (type.ClrType == typeof(AuditEntry))
        {
            return null; // the log's own rows name the caller
        }

        if (type.FindProperty("TenantId") is { ClrType: var clr } tenant && clr == typeof(string))
        {
            return tenant;
        }

        return type.GetReferencingForeignKeys().Any(fk => fk.Properties is [{ Name: "TenantId" }]) ? type.FindPrimaryKey()?.Properties.SingleOrDefault() : null;
    }
}
