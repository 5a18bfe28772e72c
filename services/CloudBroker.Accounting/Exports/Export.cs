namespace CloudBroker.Accounting.Exports;

/// <summary>
/// One FOCUS export of a tenant's billing period: a numbered revision (daily ones while the period is open, a final one
/// at its close; earlier revisions are kept), its files and, once built, its manifest. Its work is the operation
/// <see cref="OperationId"/> of kind <c>export</c>.
/// </summary>
public sealed class Export
{
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    /// <summary>The billing period's first instant (a UTC month's midnight).</summary>
    public DateTime PeriodStart { get; init; }

    /// <summary>1 for the period's first export, then one more for each.</summary>
    public int Revision { get; init; }

    /// <summary>Whether the period was closed when the export was requested (then this is its final revision).</summary>
    public bool Final { get; init; }

    /// <summary>
    /// Why the worker requested it (<see cref="ExportSchedule"/>): the day a daily revision covers (<c>yyyy-MM-dd</c>),
    /// or <c>final</c> at the period's close; null when requested through the API. At most one export per tenant,
    /// period and value (a unique key), so no two processes make the same one.
    /// </summary>
    public string? Schedule { get; init; }

    public ExportStatus Status { get; set; }

    public required string OperationId { get; init; }

    /// <summary>The usage watermark the build read the charges at (charges rated before it): the manifest's creation date.</summary>
    public DateTime Watermark { get; set; }

    /// <summary>The manifest (JSON, exactly the bytes served), written last: its presence says the files are complete.</summary>
    public string? Manifest { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }
}
