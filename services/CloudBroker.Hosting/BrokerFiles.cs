using CloudBroker.Identity.ApiKeys;
using CloudBroker.Secrets;
using Microsoft.Data.Sqlite;

namespace CloudBroker.Hosting;

/// <summary>
/// The files a broker keeps that must be private (<see cref="PrivateFiles"/>): in the data folder the SQLite
/// databases (the broker's and the mock clouds'), their journal, WAL and shared-memory files, the generated admin
/// key and the master key; and the SQLite database wherever it is configured. Master key files elsewhere are
/// checked when the key ring reads them.
/// </summary>
internal static class BrokerFiles
{
    private static readonly string[] SqliteSuffixes = [".db", ".db-journal", ".db-wal", ".db-shm"];

    /// <summary>What SQLite keeps beside a database file.</summary>
    private static readonly string[] SqliteCompanions = ["", "-journal", "-wal", "-shm"];

    private static readonly string[] KeyFiles = [BootstrapAdminKey.FileName, SecretsOptions.DefaultKeyFileName];

    public static IEnumerable<string> Existing(BrokerSettings settings)
    {
        var folder = settings.DataPath;
        var inFolder = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).Where(f => IsSqlite(f) || KeyFiles.Contains(Path.GetFileName(f), StringComparer.Ordinal))
            : [];
        return inFolder.Concat(ConfiguredDatabase(settings.Database)).Where(File.Exists);
    }

    private static bool IsSqlite(string path) => SqliteSuffixes.Any(s => path.EndsWith(s, StringComparison.Ordinal));

    /// <summary>A SQLite file named by the connection string, with the files SQLite keeps beside it.</summary>
    private static IEnumerable<string> ConfiguredDatabase(DatabaseSettings database)
    {
        if (database.IsPostgres || string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            return [];
        }

        var builder = new SqliteConnectionStringBuilder(database.ConnectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:" || builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return [];
        }

        var file = Path.GetFullPath(builder.DataSource);
        return SqliteCompanions.Select(suffix => file + suffix);
    }
}
