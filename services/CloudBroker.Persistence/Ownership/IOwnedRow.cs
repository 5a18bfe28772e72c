namespace CloudBroker.Persistence.Ownership;

/// <summary>A row that belongs to a tenant and a user and is charged to one of the tenant's groups (instances, their operations, SSH keys).</summary>
public interface IOwnedRow
{
    string Id { get; }

    string TenantId { get; }

    string OwnerId { get; }

    string GroupId { get; }
}
