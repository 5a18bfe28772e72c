using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CloudBroker.Drivers.Mock;

/// <summary>The SQL of the mock cloud, run inside one transaction of <see cref="MockStore"/>.</summary>
internal sealed class MockSession(SqliteConnection connection, SqliteTransaction transaction)
{
    private const string Columns =
        "id, token, spec_hash, name, realm_id, image_id, profile_id, cpu, memory_mib, storage_gib, tags, " +
        "state, next_state, next_at, created_at, terminated_at";

    /// <summary>Adds one to a persistent counter and returns the new value (1 for the first call).</summary>
    public long NextCounter(string name)
    {
        using var command = Command(
            "INSERT INTO counters (name, value) VALUES ($name, 1) " +
            "ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value;");
        command.Parameters.AddWithValue("$name", name);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>A persistent value, <c>null</c> when never set.</summary>
    public long? ReadCounter(string name)
    {
        using var command = Command("SELECT value FROM counters WHERE name = $name;");
        command.Parameters.AddWithValue("$name", name);
        return command.ExecuteScalar() is { } value ? Convert.ToInt64(value) : null;
    }

    public void SetCounter(string name, long value)
    {
        using var command = Command(
            "INSERT INTO counters (name, value) VALUES ($name, $value) ON CONFLICT (name) DO UPDATE SET value = $value;");
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    public MockMachine? FindById(string id) => FindOne("id", id);

    public MockMachine? FindByToken(string token) => FindOne("token", token);

    /// <summary>Every machine not deleted before <paramref name="purgedBefore"/>, oldest first.</summary>
    public IReadOnlyList<MockMachine> ListVisible(DateTimeOffset purgedBefore)
    {
        using var command = Command(
            $"SELECT {Columns} FROM machines WHERE terminated_at IS NULL OR terminated_at > $cutoff ORDER BY created_at, id;");
        command.Parameters.AddWithValue("$cutoff", purgedBefore.UtcTicks);
        return ReadAll(command);
    }

    public void Insert(MockMachine machine)
    {
        using var command = Command(
            $"INSERT INTO machines ({Columns}) VALUES ($id, $token, $spec_hash, $name, $realm_id, $image_id, $profile_id, " +
            "$cpu, $memory_mib, $storage_gib, $tags, $state, $next_state, $next_at, $created_at, $terminated_at);");
        var p = command.Parameters;
        p.AddWithValue("$id", machine.Id);
        p.AddWithValue("$token", machine.Token);
        p.AddWithValue("$spec_hash", machine.SpecHash);
        p.AddWithValue("$name", machine.Name);
        p.AddWithValue("$realm_id", machine.RealmId);
        p.AddWithValue("$image_id", machine.ImageId);
        p.AddWithValue("$profile_id", machine.HardwareProfileId);
        p.AddWithValue("$cpu", machine.Cpu);
        p.AddWithValue("$memory_mib", machine.MemoryMiB);
        p.AddWithValue("$storage_gib", machine.StorageGiB);
        p.AddWithValue("$tags", JsonSerializer.Serialize(machine.Tags));
        p.AddWithValue("$created_at", machine.CreatedAt.UtcTicks);
        AddPhase(p, machine.Phase, machine.TerminatedAt);
        command.ExecuteNonQuery();
    }

    public void UpdatePhase(string id, MockPhase phase, DateTimeOffset? terminatedAt)
    {
        using var command = Command(
            "UPDATE machines SET state = $state, next_state = $next_state, next_at = $next_at, " +
            "terminated_at = $terminated_at WHERE id = $id;");
        command.Parameters.AddWithValue("$id", id);
        AddPhase(command.Parameters, phase, terminatedAt);
        command.ExecuteNonQuery();
    }

    private static void AddPhase(SqliteParameterCollection p, MockPhase phase, DateTimeOffset? terminatedAt)
    {
        p.AddWithValue("$state", phase.State);
        p.AddWithValue("$next_state", (object?)phase.Next ?? DBNull.Value);
        p.AddWithValue("$next_at", (object?)phase.NextAt?.UtcTicks ?? DBNull.Value);
        p.AddWithValue("$terminated_at", (object?)terminatedAt?.UtcTicks ?? DBNull.Value);
    }

    private MockMachine? FindOne(string column, string value)
    {
        // column is one of our two constants above, never caller text.
        using var command = Command($"SELECT {Columns} FROM machines WHERE {column} = $value;");
        command.Parameters.AddWithValue("$value", value);
        return ReadAll(command).SingleOrDefault();
    }

    private static List<MockMachine> ReadAll(SqliteCommand command)
    {
        var machines = new List<MockMachine>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            machines.Add(new MockMachine(
                Id: reader.GetString(0),
                Token: reader.GetString(1),
                SpecHash: reader.GetString(2),
                Name: reader.GetString(3),
                RealmId: reader.GetString(4),
                ImageId: reader.GetString(5),
                HardwareProfileId: reader.GetString(6),
                Cpu: reader.GetInt32(7),
                MemoryMiB: reader.GetInt32(8),
                StorageGiB: reader.GetInt32(9),
                Tags: JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(10)) ?? [],
                Phase: new MockPhase(reader.GetString(11), NullableString(reader, 12), NullableTime(reader, 13)),
                CreatedAt: Time(reader.GetInt64(14)),
                TerminatedAt: NullableTime(reader, 15)));
        }

        return machines;
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? NullableTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Time(reader.GetInt64(ordinal));

    private static DateTimeOffset Time(long utcTicks) => new(utcTicks, TimeSpan.Zero);

    private SqliteCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }
}
