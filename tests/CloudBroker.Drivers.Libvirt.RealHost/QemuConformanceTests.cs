using CloudBroker.Drivers.Conformance;

namespace CloudBroker.Drivers.Libvirt.RealHost;

/// <summary>The shared driver suite against real QEMU (TCG), with the guest that powers off on ACPI.</summary>
public sealed class QemuConformanceTests : DriverConformanceTests
{
    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(500);

    protected override string UnknownInstanceId { get; } = Guid.NewGuid().ToString();

    // A guest asked to stop before its ACPI handler is up (it boots in about 7 s) is destroyed after this grace.
    protected override Task<ICloudDriver> CreateDriverAsync() => Task.FromResult<ICloudDriver>(LaneHost.Open(("StopGracePeriod", "00:00:15")));

    protected override Image PickImage(IReadOnlyList<Image> images) => images.Single(i => i.Id == "coop");
}
