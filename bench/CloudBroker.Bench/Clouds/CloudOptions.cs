namespace CloudBroker.Bench.Clouds;

/// <summary>The clouds scenario's flags: how many machines, and the create bucket both the fake and the broker's pacing get.</summary>
/// <param name="Drivers">Which fakes to run (<c>ec2</c>, <c>azure</c>).</param>
internal sealed record CloudOptions(int Instances, int Burst, double RefillPerSecond, IReadOnlyList<string> Drivers)
{
    /// <summary>1,000 machines; AWS's RunInstances bucket holds 5, refilled here at 10/s instead of 2/s (the ratio does not depend on the rate).</summary>
    public static CloudOptions Default { get; } = new(1000, 5, 10, ["ec2", "azure"]);
}
