namespace CloudBroker.Drivers;

/// <summary>Capability ids a driver declares; part of the wire contract: extend, never rename.</summary>
public static class Capability
{
    /// <summary>Create accepts user data (cloud-init or similar).</summary>
    public const string UserData = "userData";

    /// <summary>Create accepts an SSH public key.</summary>
    public const string SshKey = "sshKey";

    /// <summary>Instances can be stopped and started again.</summary>
    public const string StartStop = "startStop";

    public const string Reboot = "reboot";

    /// <summary>Create may name the realm to place the instance in.</summary>
    public const string RealmChoice = "realmChoice";

    /// <summary>Hardware profiles may have range or enum properties the caller picks from.</summary>
    public const string ProfileRanges = "profileRanges";

    /// <summary>The driver can say how much each realm holds (<see cref="ICloudDriver.ReadCapacityAsync"/>): pools read it on a timer.</summary>
    public const string Capacity = "capacity";

    public static IReadOnlyList<string> All { get; } =
        [UserData, SshKey, StartStop, Reboot, RealmChoice, ProfileRanges, Capacity];
}
