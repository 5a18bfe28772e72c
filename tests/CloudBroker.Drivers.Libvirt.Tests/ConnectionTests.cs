using CloudBroker.Drivers.Libvirt.Interop;

namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>
/// One long-lived connection per URI, opened lazily and reopened when libvirt says it died. The test driver's
/// connections never die on their own, so the liveness probe is the seam: it answers "dead" once. A test-driver
/// host has private state per open, so a reopened connection visibly shows a fresh host.
/// </summary>
public sealed class ConnectionTests : LibvirtTestBase
{
    private bool _reportDead;

    [Fact]
    public async Task The_connection_is_opened_on_first_use_and_then_shared()
    {
        var opened = 0;
        var driver = Harness.OpenWith(handle => { opened++; return Connections.IsAlive(handle); }, LibvirtHarness.OneRealm);
        Assert.Equal(0, opened);

        await driver.CreateInstanceAsync(Specs.Small(), Ct);
        var first = driver.Realms.All.Single().Acquire();
        await driver.ListInstancesAsync(Ct);

        Assert.Same(first, driver.Realms.All.Single().Acquire());
        Assert.True(opened > 0);
        Assert.True(Connections.IsAlive(first));
    }

    [Fact]
    public async Task A_dead_connection_is_closed_and_reopened_on_the_next_call()
    {
        var driver = Harness.OpenWith(Probe, LibvirtHarness.OneRealm);
        var before = await driver.CreateInstanceAsync(Specs.Small(), Ct);
        var oldConnection = driver.Realms.All.Single().Acquire();

        _reportDead = true;
        var listed = await driver.ListInstancesAsync(Ct);

        var newConnection = driver.Realms.All.Single().Acquire();
        Assert.NotSame(oldConnection, newConnection);
        Assert.True(oldConnection.IsClosed);
        Assert.DoesNotContain(listed, i => i.Id == before.Id);
        var after = await driver.CreateInstanceAsync(Specs.Small(), Ct);
        Assert.Equal(DriverInstanceState.Running, (await GetAsync(driver, after.Id)).State);
    }

    [Fact]
    public async Task A_disposed_driver_closes_its_connections()
    {
        var driver = Harness.Open();
        await driver.ListInstancesAsync(Ct);
        var connection = driver.Realms.All.Single().Acquire();

        await driver.DisposeAsync();

        Assert.True(connection.IsClosed);
        Assert.Throws<ObjectDisposedException>(() => driver.Realms.All.Single().Acquire());
    }

    private bool Probe(ConnectionHandle handle)
    {
        if (_reportDead)
        {
            _reportDead = false;
            return false;
        }

        return Connections.IsAlive(handle);
    }
}
