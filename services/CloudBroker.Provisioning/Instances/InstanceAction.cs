namespace CloudBroker.Provisioning.Instances;

/// <summary>What a user may ask of an instance (lower-case on the wire).</summary>
public enum InstanceAction
{
    Start,
    Stop,
    Reboot,
    Destroy,
}
