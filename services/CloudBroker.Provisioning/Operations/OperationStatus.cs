namespace CloudBroker.Provisioning.Operations;

public enum OperationStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
