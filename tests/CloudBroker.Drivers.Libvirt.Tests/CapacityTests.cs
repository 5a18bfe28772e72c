namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>
/// What each host holds, read through virNodeGetInfo and virStoragePoolGetInfo. The test driver's node is fixed (16
/// logical CPUs, 3 GiB of memory: libvirt's defaults for a host file without &lt;cpu&gt; and &lt;memory&gt;), and so is
/// every storage pool's capacity (100 GiB: the test driver sets it whatever the host file says).
/// </summary>
public sealed class CapacityTests : LibvirtTestBase
{
    [Fact]
    public async Task Each_realm_says_its_cpus_memory_and_the_storage_pool_it_creates_in()
    {
        var driver = Harness.OpenExactly(LibvirtHarness.TwoRealms);

        var capacity = await driver.ReadCapacityAsync(Ct);

        Assert.Contains(Capability.Capacity, driver.Capabilities);
        Assert.Equal(
            [new RealmCapacity("host-a", 16, 3072, 100), new RealmCapacity("host-b", 16, 3072, 100)],
            capacity);
    }

    [Fact]
    public async Task A_host_without_the_configured_storage_pool_cannot_say_its_storage()
    {
        var missing = await Harness.Open(("StoragePool", "nowhere")).ReadCapacityAsync(Ct);

        Assert.Equal(new RealmCapacity("host-a", 16, 3072, null), Assert.Single(missing));
    }
}
