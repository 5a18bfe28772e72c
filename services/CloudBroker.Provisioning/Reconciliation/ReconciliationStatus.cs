namespace CloudBroker.Provisioning.Reconciliation;

public enum ReconciliationStatus
{
    Running,
    Succeeded,
    Failed,
}
