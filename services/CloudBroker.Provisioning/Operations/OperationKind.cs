namespace CloudBroker.Provisioning.Operations;

public enum OperationKind
{
    Create,
    Start,
    Stop,
    Reboot,
    Destroy,

    /// <summary>Builds a FOCUS export (its target is the export, not an instance; accounting's worker runs it).</summary>
    Export,
}
