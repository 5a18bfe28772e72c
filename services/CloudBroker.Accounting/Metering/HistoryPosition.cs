namespace CloudBroker.Accounting.Metering;

/// <summary>Where one <c>instance_events</c> row sits in the order metering reads the history, and whose it is.</summary>
public sealed record HistoryPosition(string InstanceId, long Transaction, long Id);
