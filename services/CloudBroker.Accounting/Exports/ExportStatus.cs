namespace CloudBroker.Accounting.Exports;

public enum ExportStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
}
