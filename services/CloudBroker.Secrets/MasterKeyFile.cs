using System.Security.Cryptography;

namespace CloudBroker.Secrets;

/// <summary>
/// Reads and makes key files: 32 random bytes in base64 on one line, private by <see cref="PrivateFiles"/>' rule
/// (the broker's user, or a group it is in, never others). A file that breaks it is refused, as OpenSSH refuses
/// a private key: a master key anyone on the host can read protects nothing.
/// </summary>
public static class MasterKeyFile
{
    /// <summary>The key in <paramref name="path"/>; throws <see cref="SecretKeyException"/> saying what is wrong and the fix.</summary>
    public static MasterKey Read(string path)
    {
        if (PrivateFiles.Problem(path) is { } problem)
        {
            throw new SecretKeyException(
                $"the master key file {path} {problem} (in Kubernetes, mount the secret with defaultMode 0400, or 0440 with the pod's fsGroup)");
        }

        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SecretKeyException($"the master key file {path} cannot be read: {ex.Message}", ex);
        }

        var key = new byte[MasterKey.Size];
        if (!Convert.TryFromBase64String(text, key, out var length) || length != MasterKey.Size)
        {
            throw new SecretKeyException(
                $"the master key file {path} must hold {MasterKey.Size} random bytes in base64 on one line " +
                $"(make one with 'openssl rand -base64 32 > {path} && chmod 600 {path}')");
        }

        return new MasterKey(key, path);
    }

    /// <summary>
    /// Makes a new key file (mode 0600 from its first byte), or, when another process made it first, reads that one:
    /// both then seal with the same key.
    /// </summary>
    public static MasterKey CreateOrRead(string path)
    {
        var key = RandomNumberGenerator.GetBytes(MasterKey.Size);
        try
        {
            PrivateFiles.CreateFolder(System.IO.Path.GetDirectoryName(path)!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = PrivateFiles.FileMode;
            }

            using (var stream = new FileStream(path, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.WriteLine(Convert.ToBase64String(key));
            }

            return new MasterKey(key, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            return Read(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SecretKeyException($"the master key file {path} cannot be made: {ex.Message}. Make its folder writable, or set CloudBroker:Secrets:KeyFile", ex);
        }
    }
}
