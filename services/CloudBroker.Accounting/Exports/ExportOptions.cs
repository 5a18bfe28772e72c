namespace CloudBroker.Accounting.Exports;

/// <summary><c>CloudBroker:Accounting:Exports</c>.</summary>
public sealed class ExportOptions
{
    public const string Section = "CloudBroker:Accounting:Exports";

    /// <summary>The operator: FOCUS <c>InvoiceIssuerName</c>, and <c>ProviderName</c>/<c>PublisherName</c> of private pools.</summary>
    public string InvoiceIssuerName { get; set; } = "CloudBroker";

    /// <summary>Per provider id, the <c>ProviderName</c> its charges carry, over what its driver declares (a private pool resold under another name).</summary>
    public Dictionary<string, string> ProviderNames { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Where files are kept: <c>database</c> (chunks; works for every deployment) or <c>folder</c> (<see cref="Folder"/>).</summary>
    public string Store { get; set; } = "database";

    /// <summary>The folder of the <c>folder</c> store (absolute, or relative to the data folder).</summary>
    public string Folder { get; set; } = "exports";

    /// <summary>Rows per Parquet row group: what the writer holds in memory at once.</summary>
    public int RowGroupSize { get; set; } = 65_536;

    /// <summary>
    /// Where a build writes its files before they go to the store (both files of one export, as large as the period's
    /// charges make them): an absolute folder, made if missing; empty for the system's temp folder (<c>TMPDIR</c>, else
    /// <c>/tmp</c>). The Helm chart gives the worker a volume of its own here, so a large export does not fill <c>/tmp</c>.
    /// </summary>
    public string ScratchFolder { get; set; } = "";

    /// <summary>How often the worker looks for open periods due a daily revision and closed ones due their final export.</summary>
    public TimeSpan ScheduleInterval { get; set; } = TimeSpan.FromMinutes(15);
}
