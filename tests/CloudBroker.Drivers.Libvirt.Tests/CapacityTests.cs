namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>
/// What each host holds, read through virNodeGetInfo and virStoragePoolGetInfo. The test driver's node is fixed (16
/// logical CPUs, 3 GiB of memory: libvirt's defaults for a host file without &lt;cpu&gt; and &lt;memory&gt;); the pools
/// are the ones the host files declare.
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
            [new RealmCapacity("host-a", 16, 3072, 100 * 1024), new RealmCapacity("host-b", 16, 3072, 100 * 1024)],
            capacity);
    }

    [Fact]
    public async Task The_storage_is_the_configured_pools_and_a_host_without_it_cannot_say()
    {
        var fast = await Harness.Open(("StoragePool", "fast")).ReadCapacityAsync(Ct);
        var missing = await Harness.Open(("StoragePool", "nowhere")).ReadCapacityAsync(Ct);

        Assert.Equal(new RealmCapacity("host-a", 16, 3072, 10 * 1024), Assert.Single(fast));
        Assert.Equal(new RealmCapacity("host-a", 16, 3072, null), Assert.Single(missing));
    }
}
