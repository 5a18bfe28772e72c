namespace CloudBroker.Provisioning.Reconciliation;

public enum ReconciliationTrigger
{
    Schedule,
    Manual,
}
