namespace CloudBroker.Drivers;

/// <summary>
/// The driver SPI: a small set of fixed verbs every provider answers. Capabilities are data
/// (<see cref="Capabilities"/>); the core checks them before it calls a verb, so a driver never
/// has to fake an option it lacks. Every failure is a <see cref="DriverException"/>.
/// </summary>
public interface ICloudDriver : IAsyncDisposable
{
    /// <summary>Capability ids (see <see cref="Capability"/>) this provider supports.</summary>
    IReadOnlySet<string> Capabilities { get; }

    Task<IReadOnlyList<Realm>> ListRealmsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<Image>> ListImagesAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<HardwareProfile>> ListHardwareProfilesAsync(CancellationToken cancellationToken);

    /// <summary>Every machine the provider has, including ones the broker did not make.</summary>
    Task<IReadOnlyList<DriverInstance>> ListInstancesAsync(CancellationToken cancellationToken);

    /// <summary>The machine, or <c>null</c> when the provider no longer has it.</summary>
    Task<DriverInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a machine. Calling it again with the same <see cref="InstanceSpec.IdempotencyToken"/>
    /// returns the machine made the first time instead of making a second one.
    /// </summary>
    Task<DriverInstance> CreateInstanceAsync(InstanceSpec spec, CancellationToken cancellationToken);

    Task StartInstanceAsync(string instanceId, CancellationToken cancellationToken);

    Task StopInstanceAsync(string instanceId, CancellationToken cancellationToken);

    Task RebootInstanceAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// What each realm holds in all (not what is free: the broker counts its own claims), for a driver that declares
    /// <see cref="Capability.Capacity"/>. The others keep this answer: the core never calls it on them.
    /// </summary>
    Task<IReadOnlyList<RealmCapacity>> ReadCapacityAsync(CancellationToken cancellationToken) =>
        throw new DriverException(DriverErrorKind.InvalidRequest, "this provider cannot say its capacity");

    /// <summary>Removes the machine and what was made for it; a machine already gone is not an error.</summary>
    Task DestroyInstanceAsync(string instanceId, CancellationToken cancellationToken);
}
