namespace CloudBroker.Bench;

/// <summary>
/// CPU time of a process that is not ours to hold a handle to (PostgreSQL's postmaster with its backends, RabbitMQ's
/// Erlang VM), from Linux <c>/proc</c>: the root's user + system time, the time of its children it has already reaped
/// (<c>cutime</c>, <c>cstime</c>), and the time of its live children. A backend that exits during a run is counted
/// once its parent reaps it.
/// </summary>
internal static class ProcessTreeCpu
{
    /// <summary>USER_HZ, the unit of <c>/proc/&lt;pid&gt;/stat</c> times: 100 on every Linux ABI .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>The meter of the process tree rooted at the pid in <paramref name="pidFile"/>'s first line, or null if it cannot be read.</summary>
    public static CpuMeter? FromPidFile(string name, string pidFile)
    {
        try
        {
            var first = File.ReadLines(pidFile).FirstOrDefault();
            return int.TryParse(first?.Trim(), out var pid) && Stat(pid) is not null ? new CpuMeter(name, () => Of(pid)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static TimeSpan Of(int rootPid)
    {
        if (Stat(rootPid) is not { } root)
        {
            return TimeSpan.Zero;
        }

        var ticks = root.Own + root.ReapedChildren;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && pid != rootPid && Stat(pid) is { } child && child.ParentPid == rootPid)
            {
                ticks += child.Own;
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>Fields of <c>/proc/&lt;pid&gt;/stat</c> after the parenthesized name: state, ppid, … utime (14), stime, cutime, cstime.</summary>
    private static (int ParentPid, long Own, long ReapedChildren)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[1]), long.Parse(fields[11]) + long.Parse(fields[12]), long.Parse(fields[13]) + long.Parse(fields[14]));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
