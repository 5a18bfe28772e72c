using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudBroker.Cli.Connection;

/// <summary>
/// Where the CLI finds its broker: <c>CLOUDBROKER_URL</c> and <c>CLOUDBROKER_API_KEY</c> when set, else the file
/// <c>login</c> wrote (<c>$CLOUDBROKER_CONFIG</c>, or <c>$XDG_CONFIG_HOME/cloudbroker/credentials.json</c>, or
/// <c>~/.config/cloudbroker/credentials.json</c>). The file holds a key, so it is made readable by its user only (0600,
/// in a 0700 folder) and rewritten whole.
/// </summary>
public sealed record CliProfile(string Url, string ApiKey)
{
    public const string UrlVariable = "CLOUDBROKER_URL";
    public const string KeyVariable = "CLOUDBROKER_API_KEY";
    public const string ConfigVariable = "CLOUDBROKER_CONFIG";

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string PathFrom(Func<string, string?> environment)
    {
        if (environment(ConfigVariable) is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        var home = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(home, "cloudbroker", "credentials.json");
    }

    /// <summary>The profile to use: each variable overrides its half of the file; <c>null</c> when either half is missing.</summary>
    public static CliProfile? Resolve(Func<string, string?> environment)
    {
        var stored = Read(PathFrom(environment));
        var url = environment(UrlVariable) is { Length: > 0 } u ? u : stored?.Url;
        var key = environment(KeyVariable) is { Length: > 0 } k ? k : stored?.ApiKey;
        return url is null || key is null ? null : new CliProfile(url.TrimEnd('/'), key);
    }

    public static CliProfile? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var stored = JsonSerializer.Deserialize(File.ReadAllText(path), ProfileJson.Default.StoredProfile);
        return stored is { Url: { } url, ApiKey: { } key } ? new CliProfile(url, key) : null;
    }

    public void Write(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, Json());
            return;
        }

        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // Made 0600 before the key is written, and replaced whole: no moment where others may read it.
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = Private }))
        using (var writer = new StreamWriter(stream))
        {
            File.SetUnixFileMode(temporary, Private); // an older file of that name keeps its mode on Create
            writer.Write(Json());
        }

        File.Move(temporary, path, overwrite: true);
    }

    private string Json() => JsonSerializer.Serialize(new StoredProfile { Url = Url, ApiKey = ApiKey }, ProfileJson.Default.StoredProfile);

    internal sealed class StoredProfile
    {
        public string? Url { get; set; }

        public string? ApiKey { get; set; }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(CliProfile.StoredProfile))]
internal sealed partial class ProfileJson : JsonSerializerContext;
