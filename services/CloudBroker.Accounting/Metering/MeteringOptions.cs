namespace CloudBroker.Accounting.Metering;

/// <summary><c>CloudBroker:Accounting:Metering</c>.</summary>
public sealed class MeteringOptions
{
    public const string Section = "CloudBroker:Accounting:Metering";

    /// <summary>
    /// The longest wait between two rounds. A state change wakes the worker at once (<c>InstanceStateChanged</c>); this
    /// catches what no event announces (a tag change, an event lost with a bus outage), never later than one interval.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>History rows read per round (more rounds follow at once while rows are left).</summary>
    public int BatchSize { get; set; } = 500;
}
