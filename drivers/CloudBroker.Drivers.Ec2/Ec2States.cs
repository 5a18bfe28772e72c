namespace CloudBroker.Drivers.Ec2;

/// <summary>EC2's instance state codes (the low byte of <c>instanceState.code</c>) and the one table that normalizes them.</summary>
internal static class Ec2States
{
    public static StateTable<int> Table { get; } = new(new Dictionary<int, DriverInstanceState>
    {
        [0] = DriverInstanceState.Pending,
        [16] = DriverInstanceState.Running,
        [32] = DriverInstanceState.Terminating,
        [48] = DriverInstanceState.Terminated,
        [64] = DriverInstanceState.Stopping,
        [80] = DriverInstanceState.Stopped,
    });

    /// <summary>The high byte is for AWS's internal use: only the low byte names the state.</summary>
    public static DriverInstanceState Map(int? code) => code is { } c ? Table.Map(c & 0xFF) : DriverInstanceState.Unknown;
}
