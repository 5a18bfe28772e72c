namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>One shared connection under load: nothing is left behind and nothing is confused.</summary>
public sealed class ConcurrencyTests : LibvirtTestBase
{
    [Fact]
    public async Task Eight_tasks_of_25_create_destroy_cycles_through_one_connection_leave_nothing_behind()
    {
        var driver = Harness.Open();
        var connection = driver.Realms.All.Single().Acquire();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var cycle = 0; cycle < 25; cycle++)
            {
                var spec = Specs.Small($"w{worker}-c{cycle}");
                var created = await driver.CreateInstanceAsync(spec, Ct);
                Assert.Equal(spec.InstanceId, created.Id);
                Assert.Equal(spec.Name, (await GetAsync(driver, created.Id)).Name);
                if (cycle % 5 == 0)
                {
                    await driver.StopInstanceAsync(created.Id, Ct);
                }

                await driver.DestroyInstanceAsync(created.Id, Ct);
            }
        }, Ct)));

        var host = new HostView(driver);
        Assert.Same(connection, driver.Realms.All.Single().Acquire());
        Assert.Empty(await driver.ListInstancesAsync(Ct));
        Assert.Empty(host.DomainUuids());
        Assert.Empty(host.InstanceVolumes());
        Assert.Equal(["alpine-3.20.img", "debian-12.qcow2"], host.VolumeNames());
    }

    [Fact]
    public async Task Concurrent_creates_of_one_instance_make_one_domain_and_one_volume()
    {
        var driver = Harness.Open();
        var spec = Specs.Small();

        var made = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => driver.CreateInstanceAsync(spec, Ct), Ct)));

        Assert.Single(made.Select(m => m.Id).Distinct());
        Assert.Single(new HostView(driver).DomainUuids());
        Assert.Single(new HostView(driver).InstanceVolumes());
    }

    [Fact]
    public async Task Reads_racing_destroys_see_the_instance_or_nothing_never_an_error()
    {
        var driver = Harness.Open();
        var made = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => driver.CreateInstanceAsync(Specs.Small($"r{i}"), Ct)));
        using var done = new CancellationTokenSource();
        var started = Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();

        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            var reads = 0;
            while (!done.IsCancellationRequested)
            {
                foreach (var instance in made)
                {
                    await driver.GetInstanceAsync(instance.Id, Ct);
                    reads++;
                    started[r].TrySetResult();
                }

                await driver.ListInstancesAsync(Ct);
            }

            return reads;
        }, Ct)).ToArray();

        // The destroys begin only once every reader is reading, so the race happens even on a loaded machine.
        await Task.WhenAll(started.Select(s => s.Task));
        await Task.WhenAll(made.Select(i => Task.Run(() => driver.DestroyInstanceAsync(i.Id, Ct), Ct)));
        await done.CancelAsync();

        Assert.All(await Task.WhenAll(readers), reads => Assert.True(reads > 0));
        Assert.Empty(await driver.ListInstancesAsync(Ct));
    }
}
