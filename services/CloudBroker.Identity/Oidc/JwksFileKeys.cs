using Microsoft.IdentityModel.Tokens;

namespace CloudBroker.Identity.Oidc;

/// <summary>The signing keys of <see cref="OidcSettings.JwksFile"/>, re-read when the file's modification time changes.</summary>
public sealed class JwksFileKeys(string path)
{
    private readonly Lock _lock = new();
    private DateTime _readAt = DateTime.MinValue;
    private IReadOnlyList<SecurityKey> _keys = [];

    public IReadOnlyList<SecurityKey> Current()
    {
        var modified = File.GetLastWriteTimeUtc(path);
        lock (_lock)
        {
            if (modified != _readAt)
            {
                _keys = [.. new JsonWebKeySet(File.ReadAllText(path)).GetSigningKeys()];
                _readAt = modified;
            }

            return _keys;
        }
    }
}
