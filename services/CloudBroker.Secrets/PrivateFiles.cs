using CloudBroker.Secrets.Interop;

namespace CloudBroker.Secrets;

/// <summary>
/// The one rule for the files that hold secrets or user data (the database with its WAL and shared-memory files,
/// the mock clouds' files, generated and configured keys): readable by this process's own user or one of its groups
/// only, never by others. Group access is allowed because Kubernetes mounts a secret 0440 owned by the pod's
/// <c>fsGroup</c>, a group the process is in. What the process makes is private from the start (<see cref="RestrictNewFiles"/>).
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode Others = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const UnixFileMode Group = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute;

    private const uint Root = 0;

    /// <summary>
    /// Sets the process's umask to 077: every file and folder made from now on, by whichever library (SQLite makes
    /// its <c>-wal</c> and <c>-shm</c> files itself), has no group or other permissions.
    /// </summary>
    public static void RestrictNewFiles()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = Libc.Umask(0b_000_111_111); // 077; the previous mask is of no use
        }
    }

    /// <summary>Makes the folder (and any missing parent) mode 0700; an existing folder is left as it is.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, FolderMode);
    }

    /// <summary>Why <paramref name="path"/> breaks the rule, with the command that fixes it; <c>null</c> when it keeps it or does not exist.</summary>
    public static string? Problem(string path) => Check(path) is { } problem ? $"{problem.Reason}; run '{problem.Fix} {path}'" : null;

    /// <summary>Throws <see cref="UnsafeFileException"/> naming every file of <paramref name="paths"/> that breaks the rule, with the commands that fix them.</summary>
    public static void Demand(IEnumerable<string> paths)
    {
        var unsafeFiles = paths.Distinct(StringComparer.Ordinal)
            .Select(p => (Path: p, Problem: Check(p)))
            .Where(f => f.Problem is not null)
            .ToList();
        if (unsafeFiles.Count == 0)
        {
            return;
        }

        var fixes = unsafeFiles.GroupBy(f => f.Problem!.Value.Fix, StringComparer.Ordinal)
            .Select(g => g.Key + " " + string.Join(' ', g.Select(f => f.Path)));
        throw new UnsafeFileException(
            "files that must be private are not: " + string.Join("; ", unsafeFiles.Select(f => $"{f.Path} {f.Problem!.Value.Reason}")) +
            $". Run '{string.Join(" && ", fixes)}' (in Kubernetes, mount secrets with defaultMode 0400, or 0440 with the pod's fsGroup)");
    }

    private static (string Reason, string Fix)? Check(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & Others) != 0)
        {
            return ($"may be read or written by others (mode {Octal(mode)})", "chmod 600");
        }

        if (!OperatingSystem.IsLinux() || Libc.OwnerOf(path) is not { } ownership)
        {
            return null;
        }

        var user = Libc.EffectiveUserId();
        if (ownership.Owner != user && ownership.Owner != Root)
        {
            return ($"belongs to user {ownership.Owner}, not to this process's user {user} (or root)", $"chown {user}");
        }

        return (mode & Group) != 0 && !ProcessGroups().Contains(ownership.Group)
            ? ($"may be read or written by group {ownership.Group}, which this process is not in (mode {Octal(mode)})", "chmod 600")
            : null;
    }

    private static HashSet<uint> ProcessGroups()
    {
        var count = Libc.GetGroups(0, null);
        var groups = new uint[Math.Max(count, 0)];
        if (count > 0)
        {
            count = Libc.GetGroups(groups.Length, groups);
        }

        return [Libc.EffectiveGroupId(), .. groups.Take(Math.Max(count, 0))];
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
