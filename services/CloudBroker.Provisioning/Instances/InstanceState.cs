namespace CloudBroker.Provisioning.Instances;

/// <summary>The instance states of the wire contract (lower-case on the wire).</summary>
public enum InstanceState
{
    Pending,
    Running,
    Stopping,
    Stopped,
    Rebooting,
    Terminating,
    Terminated,
    Error,
    Vanished,
}
