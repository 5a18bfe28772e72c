using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Provisioning.Tests;

/// <summary>
/// Each engine's one migration history builds exactly the schema the entities describe: a change to an entity without
/// its migration fails here, before a deployed database would refuse to start. (The hand-written part, the audit log's
/// append-only triggers, is exercised by the audit tests on both engines.)
/// </summary>
public sealed class SchemaTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_one_migration_builds_the_schema_the_entities_describe(string engine)
    {
        await using var database = await MigratedDatabase.CreateAsync(engine);
        await using var db = database.NewContext();

        Assert.False(db.Database.HasPendingModelChanges(), "an entity changed without a migration: dotnet ef migrations add (docs/operations.md#migrations)");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
    }
}
