using Microsoft.Data.Sqlite;
using Xunit;

namespace CloudBroker.Drivers.Mock.Tests;

/// <summary>The cloud lives in its file: a restart (a new driver object) finds it as it was.</summary>
public sealed class MockPersistenceTests : MockTestBase
{
    [Fact]
    public async Task State_survives_disposing_and_reopening_the_driver()
    {
        var first = Harness.Open();
        var spec = MockSpecs.Small("durable");
        var created = await first.CreateInstanceAsync(spec, Ct);
        await first.DisposeAsync();
        Assert.True(File.Exists(Harness.DatabasePath));

        var second = Harness.Open();
        var found = await ExpectAsync(second, created.Id, DriverInstanceState.Pending, "BUILDING");
        Assert.Equal((spec.Name, "eu-1a", "debian-12", "m1-small"), (found.Name, found.RealmId, found.ImageId, found.HardwareProfileId));
        Assert.Equal(spec.Tags, found.Tags);
        Harness.Time.Advance(TimeSpan.FromSeconds(2));
        await ExpectAsync(second, created.Id, DriverInstanceState.Running, "ACTIVE");

        // The token and the id sequence were persisted too.
        Assert.Equal(created.Id, (await second.CreateInstanceAsync(spec, Ct)).Id);
        Assert.NotEqual(created.Id, (await second.CreateInstanceAsync(MockSpecs.Small("after-restart"), Ct)).Id);
    }

    [Fact]
    public async Task A_disposed_driver_refuses_calls()
    {
        var driver = Harness.Open();
        await driver.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => driver.GetInstanceAsync("i-0000000000000000", Ct));
    }

    [Fact]
    public async Task Each_provider_has_its_own_cloud_file()
    {
        var one = Harness.OpenAs("one");
        var two = Harness.OpenAs("two");

        await one.CreateInstanceAsync(MockSpecs.Small("in-one"), Ct);

        Assert.Single(await one.ListInstancesAsync(Ct));
        Assert.Empty(await two.ListInstancesAsync(Ct));
        Assert.True(File.Exists(Path.Combine(Harness.DataDirectory, "mock-one.db")));
    }

    [Fact]
    public async Task The_file_uses_write_ahead_logging()
    {
        Harness.Open();
        await using var connection = new SqliteConnection($"Data Source={Harness.DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", await command.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task An_unknown_native_state_maps_to_Unknown()
    {
        var driver = Harness.Open();
        var id = (await driver.CreateInstanceAsync(MockSpecs.Small("odd"), Ct)).Id;
        await using (var connection = new SqliteConnection($"Data Source={Harness.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE machines SET state = 'MELTING', next_state = NULL WHERE id = $id;";
            command.Parameters.AddWithValue("$id", id);
            await command.ExecuteNonQueryAsync(Ct);
        }

        await ExpectAsync(driver, id, DriverInstanceState.Unknown, "MELTING");
    }
}
