namespace CloudBroker.Persistence;

/// <summary>The precision both databases keep a timestamp at: whole microseconds (.NET keeps 100 ns).</summary>
public static class StoredPrecision
{
    /// <summary><paramref name="value"/> cut to whole microseconds, its kind kept.</summary>
    public static DateTime ToStoredPrecision(this DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMicrosecond), value.Kind);
}
