using CloudBroker.Identity.Tenancy;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Identity.ApiKeys;

/// <summary>
/// Makes sure the bootstrap admin key is installed: the configured one, or one generated on first start
/// into <c>&lt;data&gt;/admin-api-key</c> (mode 0600). Only its hash reaches the database: no prefix either, since an
/// operator may have chosen the key. A key revoked through the API stays revoked across restarts; a different key
/// (a new setting, or a new file) replaces it and works.
/// </summary>
public static class BootstrapAdminKey
{
    public const string FileName = "admin-api-key";

    /// <summary>
    /// The shortest key accepted (after trimming), configured or in the file: 32 characters leave a guess out of reach
    /// even for a key made of lower-case letters (150 bits); a generated key has 47.
    /// </summary>
    public const int MinLength = 32;

    /// <summary>The key's row id: fixed, so processes starting together on one database make one row, not two.</summary>
    public const string KeyId = "bootstrap-admin";

    /// <summary>
    /// Installs the key; returns where it came from (the file path, or the setting's name), for the startup log, and
    /// whether it is revoked (then it stays so: the operator recovers by configuring another key).
    /// With <paramref name="sharedDatabase"/> and no configured key, a key another process installed is kept
    /// (each process has its own data folder; a second generated key must not replace the first, nor undo its revocation).
    /// </summary>
    public static async Task<(string Source, bool Revoked)> EnsureAsync(
        BrokerDbContext db, string? configuredKey, string dataDirectory, DateTime now, bool sharedDatabase, CancellationToken cancellationToken)
    {
        var stored = await StoredAsync(db, cancellationToken);
        string secret;
        string source;
        if (!string.IsNullOrWhiteSpace(configuredKey))
        {
            secret = configuredKey.Trim();
            source = "the CloudBroker__BootstrapAdminKey setting";
        }
        else if (sharedDatabase && stored is not null && !File.Exists(Path.Combine(dataDirectory, FileName)))
        {
            return ("installed by another process (in its data folder); set CloudBroker__BootstrapAdminKey to choose it", stored.RevokedAt is not null);
        }
        else
        {
            source = Path.Combine(dataDirectory, FileName);
            secret = await ReadOrCreateAsync(source, cancellationToken);
        }

        if (secret.Length < MinLength)
        {
            throw new InvalidOperationException(TooShort(source));
        }

        var hash = ApiKeySecret.Hash(secret);
        if (stored is null)
        {
            // The first start on this database. Processes starting together insert one row between them
            // (the others insert nothing, so there is no error to log); the row id is fixed for that.
            var inserted = await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO api_keys ("Id", "Prefix", "Hash", "TenantId", "UserId", "Name", "IsBootstrap", "CreatedAt")
                VALUES ({KeyId}, {""}, {hash}, {SystemTenant.TenantId}, {SystemTenant.AdminUserId}, {"bootstrap"}, {true}, {now})
                ON CONFLICT DO NOTHING
                """,
                cancellationToken);
            if (inserted == 1)
            {
                return (source, false);
            }

            if (sharedDatabase && string.IsNullOrWhiteSpace(configuredKey))
            {
                return ("installed by another process starting at the same time; set CloudBroker__BootstrapAdminKey to choose it", false);
            }

            stored = await StoredAsync(db, cancellationToken) ?? throw new InvalidOperationException("the bootstrap admin key was neither inserted nor found");
        }

        if (stored.Hash == hash)
        {
            // The same key: as it is. Revoked through the API, it stays revoked (it may have leaked). An earlier version
            // stored its first characters for listing: they go.
            if (stored.Prefix.Length > 0)
            {
                await db.Set<ApiKey>().Where(k => k.Id == stored.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.Prefix, ""), cancellationToken);
            }

            return (source, stored.RevokedAt is not null);
        }

        // Another key than the stored one: it replaces it, live.
        await db.Set<ApiKey>()
            .Where(k => k.Id == stored.Id && k.Hash != hash)
            .ExecuteUpdateAsync(
                s => s.SetProperty(k => k.Hash, hash).SetProperty(k => k.Prefix, "").SetProperty(k => k.CreatedAt, now).SetProperty(k => k.RevokedAt, (DateTime?)null),
                cancellationToken);
        return (source, false);
    }

    /// <summary>The refusal of a key shorter than <see cref="MinLength"/>, naming where it came from.</summary>
    public static string TooShort(string source) =>
        $"the bootstrap admin key of {source} must be at least {MinLength} characters; generate one with 'openssl rand -base64 32', " +
        $"or remove the setting and the file {FileName} to have CloudBroker generate it";

    private static Task<ApiKey?> StoredAsync(BrokerDbContext db, CancellationToken cancellationToken) =>
        db.Set<ApiKey>().AsNoTracking().FirstOrDefaultAsync(k => k.IsBootstrap, cancellationToken);

    private static async Task<string> ReadOrCreateAsync(string path, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            return (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
        }

        var secret = ApiKeySecret.New();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new FileStream(path, options))
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteLineAsync(secret.AsMemory(), cancellationToken);
        }

        return secret;
    }
}
