using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Identity;

/// <summary>
/// Makes sure the bootstrap admin key works: the configured one, or one generated on first start
/// into <c>&lt;data&gt;/admin-api-key</c> (mode 0600). Only its hash reaches the database.
/// </summary>
public static class BootstrapAdminKey
{
    public const string FileName = "admin-api-key";

    /// <summary>Installs the key; returns where it came from (the file path, or the setting's name), for the startup log.</summary>
    public static async Task<string> EnsureAsync(BrokerDbContext db, string? configuredKey, string dataDirectory, DateTime now, CancellationToken cancellationToken)
    {
        string secret;
        string source;
        if (!string.IsNullOrWhiteSpace(configuredKey))
        {
            secret = configuredKey.Trim();
            source = "the CloudBroker__BootstrapAdminKey setting";
        }
        else
        {
            source = Path.Combine(dataDirectory, FileName);
            secret = await ReadOrCreateAsync(source, cancellationToken);
        }

        var hash = ApiKeySecret.Hash(secret);
        var existing = await db.Set<ApiKey>().FirstOrDefaultAsync(k => k.IsBootstrap, cancellationToken);
        if (existing is null)
        {
            db.Add(new ApiKey
            {
                Id = Guid.CreateVersion7().ToString(),
                Prefix = ApiKeySecret.PrefixOf(secret),
                Hash = hash,
                TenantId = SystemTenant.TenantId,
                UserId = SystemTenant.AdminUserId,
                Roles = Roles.Admin,
                IsBootstrap = true,
                CreatedAt = now,
            });
        }
        else if (existing.Hash != hash || existing.RevokedAt is not null)
        {
            existing.Hash = hash;
            existing.Prefix = ApiKeySecret.PrefixOf(secret);
            existing.RevokedAt = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        return source;
    }

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
