namespace CloudBroker.Drivers;

/// <summary>The broker's normalized states, as a driver reports them (vanished is the broker's own verdict).</summary>
public enum DriverInstanceState
{
    /// <summary>A native state the driver's table does not know.</summary>
    Unknown,
    Pending,
    Running,
    Stopping,
    Stopped,
    Rebooting,
    Terminating,
    Terminated,
    Error,
}
