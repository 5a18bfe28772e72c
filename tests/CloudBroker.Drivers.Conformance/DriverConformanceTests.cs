using Xunit;

namespace CloudBroker.Drivers.Conformance;

/// <summary>
/// The behaviour every driver owes the broker (libcloud's TestCaseMixin). A driver's test project inherits this
/// class and implements <see cref="DriverTestBase.CreateDriverAsync"/>; cases for a capability the driver does
/// not declare are skipped, exactly those.
/// </summary>
public abstract class DriverConformanceTests : DriverTestBase
{
    [Fact]
    public void Declared_capabilities_are_known_ids() =>
        Assert.All(Driver.Capabilities, c => Assert.Contains(c, Capability.All));

    [Fact]
    public async Task Catalog_lists_realms_images_and_valid_profiles()
    {
        var realms = await Driver.ListRealmsAsync(Ct);
        Assert.NotEmpty(realms);
        Assert.Contains(realms, r => r.Available);
        Assert.Equal(realms.Count, realms.Select(r => r.Id).Distinct().Count());

        var images = await Driver.ListImagesAsync(Ct);
        Assert.NotEmpty(images);
        Assert.All(images, i => Assert.False(string.IsNullOrWhiteSpace(i.Id) || string.IsNullOrWhiteSpace(i.Architecture)));

        var profiles = await Driver.ListHardwareProfilesAsync(Ct);
        Assert.NotEmpty(profiles);
        var ranges = Driver.Capabilities.Contains(Capability.ProfileRanges);
        Assert.All(profiles, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Id) || string.IsNullOrWhiteSpace(p.Architecture));
            foreach (var property in new[] { p.Cpu, p.MemoryMiB, p.StorageGiB })
            {
                Assert.True(property.Default > 0, $"{p.Id}: defaults must be positive");
                Assert.True(property.Allows(property.Default), $"{p.Id}: a default its property refuses");
                Assert.True(ranges || !property.IsChoice, $"{p.Id} offers a choice without declaring {Capability.ProfileRanges}");
            }
        });
    }

    [Fact]
    public async Task Create_reaches_running_and_keeps_name_and_tags()
    {
        var spec = await NewSpecAsync();

        var created = await CreateAsync(spec);

        Assert.False(string.IsNullOrWhiteSpace(created.Id));
        Assert.Equal(spec.Name, created.Name);
        // Every broker tag is kept; a provider may add its own (EC2's Name tag).
        Assert.Superset(spec.Tags.ToHashSet(), created.Tags.ToHashSet());
        var running = await WaitForStateAsync(created.Id, DriverInstanceState.Running);
        Assert.Equal(spec.Name, running.Name);
        Assert.Equal(spec.ImageId, running.ImageId);
        Assert.Equal(spec.HardwareProfileId, running.HardwareProfileId);
        Assert.Superset(spec.Tags.ToHashSet(), running.Tags.ToHashSet());
    }

    [Fact]
    public async Task Listed_machines_carry_the_installation_provider_and_instance_they_were_made_for()
    {
        var spec = await NewSpecAsync();

        var created = await CreateAsync(spec);

        // The reconciler reads these from the list: another provider on the same host or account tells its machines by them.
        var listed = Assert.Single(await Driver.ListInstancesAsync(Ct), i => i.Id == created.Id);
        Assert.Equal(InstallationId, listed.Tags.GetValueOrDefault(BrokerTags.InstallationId));
        Assert.Equal(ProviderId, listed.Tags.GetValueOrDefault(BrokerTags.ProviderId));
        Assert.Equal(spec.InstanceId, listed.Tags.GetValueOrDefault(BrokerTags.InstanceId));
    }

    [Fact]
    public async Task Create_twice_with_one_token_makes_one_machine()
    {
        var spec = await NewSpecAsync();

        var first = await CreateAsync(spec);
        var second = await CreateAsync(spec);

        Assert.Equal(first.Id, second.Id);
        var listed = await Driver.ListInstancesAsync(Ct);
        Assert.Single(listed, i => i.Tags.GetValueOrDefault(BrokerTags.InstanceId) == spec.InstanceId);
    }

    [Fact]
    public async Task Stop_then_start_returns_to_running()
    {
        var created = await CreateAsync(await NewSpecAsync());
        await WaitForStateAsync(created.Id, DriverInstanceState.Running);
        if (!await DeclaresOrRefusesAsync(Capability.StartStop, () => Driver.StopInstanceAsync(created.Id, Ct)))
        {
            return;
        }

        await Driver.StopInstanceAsync(created.Id, Ct);
        await WaitForStateAsync(created.Id, DriverInstanceState.Stopped);
        await Driver.StartInstanceAsync(created.Id, Ct);

        await WaitForStateAsync(created.Id, DriverInstanceState.Running);
    }

    [Fact]
    public async Task Reboot_returns_to_running()
    {
        var created = await CreateAsync(await NewSpecAsync());
        await WaitForStateAsync(created.Id, DriverInstanceState.Running);
        if (!await DeclaresOrRefusesAsync(Capability.Reboot, () => Driver.RebootInstanceAsync(created.Id, Ct)))
        {
            return;
        }

        await Driver.RebootInstanceAsync(created.Id, Ct);

        await WaitForStateAsync(created.Id, DriverInstanceState.Running);
    }

    [Fact]
    public async Task Destroy_terminates_and_destroying_again_is_a_noop()
    {
        var created = await CreateAsync(await NewSpecAsync());
        await WaitForStateAsync(created.Id, DriverInstanceState.Running);

        await Driver.DestroyInstanceAsync(created.Id, Ct);
        await WaitUntilAsync(created.Id, IsGone, "terminated or gone");
        await Driver.DestroyInstanceAsync(created.Id, Ct);

        Assert.True(IsGone(await Driver.GetInstanceAsync(created.Id, Ct)), "a second destroy brought the machine back");
        var listed = await Driver.ListInstancesAsync(Ct);
        Assert.All(listed.Where(i => i.Id == created.Id), i => Assert.Equal(DriverInstanceState.Terminated, i.State));
    }

    [Fact]
    public Task Destroy_of_unknown_id_is_a_noop() => Driver.DestroyInstanceAsync(UnknownInstanceId, Ct);

    [Fact]
    public async Task Get_of_unknown_id_returns_null() =>
        Assert.Null(await Driver.GetInstanceAsync(UnknownInstanceId, Ct));

    [Fact]
    public async Task Start_and_stop_of_unknown_id_throw_NotFound()
    {
        if (!await DeclaresOrRefusesAsync(Capability.StartStop, () => Driver.StartInstanceAsync(UnknownInstanceId, Ct)))
        {
            return;
        }

        var start = await Assert.ThrowsAsync<DriverException>(() => Driver.StartInstanceAsync(UnknownInstanceId, Ct));
        var stop = await Assert.ThrowsAsync<DriverException>(() => Driver.StopInstanceAsync(UnknownInstanceId, Ct));

        Assert.Equal(DriverErrorKind.NotFound, start.Kind);
        Assert.Equal(DriverErrorKind.NotFound, stop.Kind);
    }

    [Fact]
    public async Task Reboot_of_unknown_id_throws_NotFound()
    {
        if (!await DeclaresOrRefusesAsync(Capability.Reboot, () => Driver.RebootInstanceAsync(UnknownInstanceId, Ct)))
        {
            return;
        }

        var ex = await Assert.ThrowsAsync<DriverException>(() => Driver.RebootInstanceAsync(UnknownInstanceId, Ct));

        Assert.Equal(DriverErrorKind.NotFound, ex.Kind);
    }

    [Fact]
    public async Task Create_with_unknown_image_throws_InvalidRequest()
    {
        var spec = await NewSpecAsync() with { ImageId = "no-such-image-conformance" };

        var ex = await Assert.ThrowsAsync<DriverException>(() => CreateAsync(spec));

        Assert.Equal(DriverErrorKind.InvalidRequest, ex.Kind);
    }

    [Fact]
    public async Task Create_in_chosen_realm_lands_there()
    {
        // The last available realm, so a driver that ignores the choice and uses its first realm is caught.
        var realm = (await Driver.ListRealmsAsync(Ct)).Last(r => r.Available);
        if (!await DeclaresOrRefusesAsync(Capability.RealmChoice, async () => await CreateAsync(await NewSpecAsync(realm.Id))))
        {
            return;
        }

        var created = await CreateAsync(await NewSpecAsync(realm.Id));

        Assert.Equal(realm.Id, created.RealmId);
        Assert.Equal(realm.Id, (await WaitForStateAsync(created.Id, DriverInstanceState.Running)).RealmId);
    }

    [Fact]
    public async Task ListInstances_includes_created_machines()
    {
        var first = await CreateAsync(await NewSpecAsync());
        var second = await CreateAsync(await NewSpecAsync());

        var ids = (await Driver.ListInstancesAsync(Ct)).Select(i => i.Id).ToList();

        Assert.Contains(first.Id, ids);
        Assert.Contains(second.Id, ids);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task A_cancelled_token_stops_a_call_before_it_does_anything()
    {
        var spec = await NewSpecAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Driver.ListInstancesAsync(cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Driver.CreateInstanceAsync(spec, cancelled.Token));

        var listed = await Driver.ListInstancesAsync(Ct);
        Assert.DoesNotContain(listed, i => i.Tags.GetValueOrDefault(BrokerTags.InstanceId) == spec.InstanceId);
    }

    private static bool IsGone(DriverInstance? instance) => instance is null || instance.State == DriverInstanceState.Terminated;

    /// <summary>
    /// True when the driver declares <paramref name="capability"/>. A driver that does not must refuse the verb with a
    /// clear error (<see cref="DriverErrorKind.InvalidRequest"/>), never fake it: that refusal is what the test then shows.
    /// </summary>
    private async Task<bool> DeclaresOrRefusesAsync(string capability, Func<Task> verb)
    {
        if (Driver.Capabilities.Contains(capability))
        {
            return true;
        }

        var refused = await Assert.ThrowsAsync<DriverException>(verb);
        Assert.Equal(DriverErrorKind.InvalidRequest, refused.Kind);
        Assert.Contains(capability, refused.Message, StringComparison.OrdinalIgnoreCase);
        return false;
    }
}
