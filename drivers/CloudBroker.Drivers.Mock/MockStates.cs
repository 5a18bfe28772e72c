namespace CloudBroker.Drivers.Mock;

/// <summary>The mock cloud's native state words and the one table that normalizes them.</summary>
internal static class MockStates
{
    public const string Building = "BUILDING";
    public const string Starting = "STARTING";
    public const string Active = "ACTIVE";
    public const string ShuttingDown = "SHUTTING_DOWN";
    public const string Stopped = "STOPPED";
    public const string Rebooting = "REBOOTING";
    public const string Deleting = "DELETING";
    public const string Deleted = "DELETED";

    /// <summary>Never produced by the mock today; listed so a row edited by hand still maps.</summary>
    public const string Failed = "FAILED";

    public static StateTable<string> Table { get; } = new(new Dictionary<string, DriverInstanceState>
    {
        [Building] = DriverInstanceState.Pending,
        [Starting] = DriverInstanceState.Pending,
        [Active] = DriverInstanceState.Running,
        [ShuttingDown] = DriverInstanceState.Stopping,
        [Stopped] = DriverInstanceState.Stopped,
        [Rebooting] = DriverInstanceState.Rebooting,
        [Deleting] = DriverInstanceState.Terminating,
        [Deleted] = DriverInstanceState.Terminated,
        [Failed] = DriverInstanceState.Error,
    });
}
