namespace CloudBroker.Identity.Tenancy;

/// <summary>A user's membership of a group (both of the same tenant).</summary>
public sealed class GroupMember
{
    public required string GroupId { get; init; }

    public required string UserId { get; init; }
}
