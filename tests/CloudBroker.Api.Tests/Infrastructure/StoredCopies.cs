using System.Text;
using Npgsql;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Infrastructure;

/// <summary>Where a secret the API handed out is kept, searched the way an attacker with the disk or the database would.</summary>
public static class StoredCopies
{
    /// <summary>
    /// Where <paramref name="text"/> is kept: every file of the data folder read as raw bytes (the SQLite database, its
    /// WAL and shared memory, the mock clouds, the key files), and on a PostgreSQL run every row of every table as text
    /// (a <c>bytea</c> column shows as hex, so the hex of the UTF-8 bytes is searched too).
    /// </summary>
    public static async Task<List<string>> StoredCopiesAsync(this ApiFactory factory, string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var found = new List<string>();
        var files = Directory.EnumerateFiles(factory.DataDirectory, "*", SearchOption.AllDirectories).ToList();
        foreach (var file in files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes, Ct);
            if (bytes.GetBuffer().AsSpan(0, (int)bytes.Length).IndexOf(utf8) >= 0)
            {
                found.Add(file);
            }
        }

        if (factory.Settings()["CloudBroker:Database:Provider"] == "Sqlite")
        {
            Assert.Contains(files, f => f.EndsWith("cloudbroker.db", StringComparison.Ordinal));
            Assert.Contains(files, f => f.EndsWith("cloudbroker.db-wal", StringComparison.Ordinal));
            return found;
        }

        await using var connection = new NpgsqlConnection(factory.Settings()["CloudBroker:Database:ConnectionString"]);
        await connection.OpenAsync(Ct);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("idempotency_keys", tables);
        foreach (var table in tables)
        {
            await using var search = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" r WHERE strpos(r::text, @text) > 0 OR strpos(r::text, @hex) > 0", connection);
            search.Parameters.AddWithValue("text", text);
            search.Parameters.AddWithValue("hex", Convert.ToHexStringLower(utf8));
            if ((long)(await search.ExecuteScalarAsync(Ct))! > 0)
            {
                found.Add("table " + table);
            }
        }

        return found;
    }
}
