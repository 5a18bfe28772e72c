using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CloudBroker.Identity.Tenancy;

/// <summary>
/// Keeps what a charge relies on — the group, and the owner's membership of it — in place until the transaction that
/// accepts the charge commits, and makes a group delete wait for those charges, then see them. Both run inside the
/// caller's transaction. On PostgreSQL a charge takes <c>FOR KEY SHARE</c> locks on the group and membership rows
/// (charges do not wait for each other) and a delete takes <c>FOR UPDATE</c> on the group: a delete waits for the
/// creates in flight and then finds their machines; a create after a delete finds no group. On SQLite a write
/// transaction holds the database's one write lock from its <c>BEGIN</c>, which orders them the same way.
/// Caches of memberships (the key cache, a token's claims) may lag; this check does not.
/// </summary>
public static class GroupCharges
{
    /// <summary>
    /// Whether <paramref name="groupId"/> is a group of <paramref name="tenantId"/> with <paramref name="userId"/> among its
    /// stored members, held so until commit. With <paramref name="membershipFromToken"/> (an OIDC token's groups claim,
    /// read for this very request) the token vouches for the membership, and only the group is checked and held.
    /// </summary>
    public static Task<bool> HoldAsync(
        BrokerDbContext db, string tenantId, string groupId, string userId, bool membershipFromToken, CancellationToken cancellationToken) =>
        ExistsAsync(
            db,
            membershipFromToken
                ? """SELECT g."Id" FROM groups g WHERE g."Id" = @group AND g."TenantId" = @tenant"""
                : """SELECT g."Id" FROM groups g JOIN group_members m ON m."GroupId" = g."Id" WHERE g."Id" = @group AND g."TenantId" = @tenant AND m."UserId" = @user""",
            " FOR KEY SHARE",
            [("group", groupId), ("tenant", tenantId), ("user", userId)],
            cancellationToken);

    /// <summary>Locks the group against new charges until commit; <c>false</c> when it no longer exists.</summary>
    public static Task<bool> LockForDeleteAsync(BrokerDbContext db, string groupId, CancellationToken cancellationToken) =>
        ExistsAsync(db, """SELECT g."Id" FROM groups g WHERE g."Id" = @group""", " FOR UPDATE", [("group", groupId)], cancellationToken);

    private static async Task<bool> ExistsAsync(
        BrokerDbContext db, string query, string rowLock, (string Name, string Value)[] parameters, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("group charges are checked inside the transaction that writes them");
        await using var command = db.Database.GetDbConnection().CreateCommand(transaction.GetDbTransaction(), db.Database.IsSqlite() ? query : query + rowLock);
        foreach (var (name, value) in parameters)
        {
            command.AddParameter(name, value);
        }

        return await command.ExecuteScalarAsync(cancellationToken) is not (null or DBNull);
    }
}
