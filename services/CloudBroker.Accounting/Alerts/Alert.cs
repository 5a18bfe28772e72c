namespace CloudBroker.Accounting.Alerts;

/// <summary>
/// A budget threshold a scope's rated month-to-date cost reached: one row per scope, month and threshold
/// (<see cref="Key"/> is unique), so an alert is raised once however often rating runs, in whichever process.
/// </summary>
public sealed class Alert
{
    /// <summary>A version-7 GUID: alerts list in the order they were raised.</summary>
    public required string Id { get; init; }

    /// <summary><c>&lt;scope&gt;/&lt;scope id&gt;/&lt;yyyy-MM&gt;/&lt;threshold&gt;</c>, unique: what makes "once" hold.</summary>
    public required string Key { get; init; }

    public required string TenantId { get; init; }

    /// <summary><see cref="AlertKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>The quota scope (<c>tenant</c>, <c>group</c>, <c>user</c>) and its id.</summary>
    public required string Scope { get; init; }

    public required string ScopeId { get; init; }

    /// <summary>The budget month, <c>yyyy-MM</c> (UTC).</summary>
    public required string Period { get; init; }

    /// <summary>The threshold reached, percent of the limit.</summary>
    public int Threshold { get; init; }

    /// <summary>The budget's limit and the rated cost that reached the threshold, in micro-units of <see cref="Currency"/>.</summary>
    public long LimitMicros { get; init; }

    public long UsedMicros { get; init; }

    public required string Currency { get; init; }

    public DateTime RaisedAt { get; init; }
}
