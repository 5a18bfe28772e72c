namespace CloudBroker.Provisioning.Operations;

public enum OperationKind
{
    Create,
    Start,
    Stop,
    Reboot,
    Destroy,
}
