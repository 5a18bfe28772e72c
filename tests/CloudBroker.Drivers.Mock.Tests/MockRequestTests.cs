using Xunit;

namespace CloudBroker.Drivers.Mock.Tests;

/// <summary>What the mock cloud accepts and refuses, as a real cloud API would.</summary>
public sealed class MockRequestTests : MockTestBase
{
    [Theory]
    [InlineData("image", "windows-95")]
    [InlineData("profile", "m9-huge")]
    [InlineData("realm", "mars-1a")]
    [InlineData("cpu", "2")]
    [InlineData("memoryMiB", "256")]
    [InlineData("memoryMiB", "1000")]
    [InlineData("storageGiB", "15")]
    [InlineData("token", " ")]
    public async Task A_request_outside_the_catalog_is_InvalidRequest_and_makes_nothing(string field, string value)
    {
        var driver = Harness.Open();
        var spec = MockSpecs.Small("bad");
        spec = field switch
        {
            "image" => spec with { ImageId = value },
            "profile" => spec with { HardwareProfileId = value },
            "realm" => spec with { RealmId = value },
            "cpu" => spec with { Cpu = int.Parse(value) },
            "memoryMiB" => spec with { MemoryMiB = int.Parse(value) },
            "storageGiB" => spec with { StorageGiB = int.Parse(value) },
            _ => spec with { IdempotencyToken = value },
        };

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(spec, Ct));

        Assert.Equal(DriverErrorKind.InvalidRequest, ex.Kind);
        Assert.Contains(value.Trim(), ex.Message);
        Assert.Empty(await driver.ListInstancesAsync(Ct));
    }

    [Fact]
    public async Task Values_inside_a_profile_are_accepted()
    {
        var driver = Harness.Open();
        var spec = MockSpecs.Small("medium") with { HardwareProfileId = "m1-medium", Cpu = 4, MemoryMiB = 16384, StorageGiB = 200 };

        var created = await driver.CreateInstanceAsync(spec, Ct);

        Assert.Equal("m1-medium", created.HardwareProfileId);
    }

    [Fact]
    public async Task The_unavailable_realm_refuses_with_Capacity()
    {
        var driver = Harness.Open();

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(MockSpecs.Small("closed", "us-1a"), Ct));

        Assert.Equal(DriverErrorKind.Capacity, ex.Kind);
    }

    [Fact]
    public async Task Without_a_realm_the_machine_goes_to_eu_1a_and_a_chosen_one_is_kept()
    {
        var driver = Harness.Open();

        Assert.Equal("eu-1a", (await driver.CreateInstanceAsync(MockSpecs.Small("anywhere"), Ct)).RealmId);
        Assert.Equal("eu-1b", (await driver.CreateInstanceAsync(MockSpecs.Small("chosen", "eu-1b"), Ct)).RealmId);
    }

    [Fact]
    public async Task A_token_reused_for_a_different_machine_is_refused()
    {
        var driver = Harness.Open();
        var original = await driver.CreateInstanceAsync(MockSpecs.Small("reused"), Ct);

        var ex = await Assert.ThrowsAsync<DriverException>(
            () => driver.CreateInstanceAsync(MockSpecs.Small("reused") with { MemoryMiB = 2048 }, Ct));

        Assert.Equal(DriverErrorKind.InvalidRequest, ex.Kind);
        Assert.Contains(original.Id, ex.Message);
        Assert.Single(await driver.ListInstancesAsync(Ct));
    }

    [Fact]
    public async Task The_token_still_answers_after_the_machine_was_destroyed()
    {
        var driver = Harness.Open();
        var original = await driver.CreateInstanceAsync(MockSpecs.Small("gone"), Ct);
        await driver.DestroyInstanceAsync(original.Id, Ct);
        Harness.Time.Advance(TimeSpan.FromSeconds(1));

        var replay = await driver.CreateInstanceAsync(MockSpecs.Small("gone"), Ct);

        Assert.Equal((original.Id, DriverInstanceState.Terminated), (replay.Id, replay.State));
    }

    [Fact]
    public async Task Actions_in_the_wrong_state_are_Conflict()
    {
        var driver = Harness.Open();
        var pending = (await driver.CreateInstanceAsync(MockSpecs.Small("pending"), Ct)).Id;
        await AssertConflictAsync(() => driver.StopInstanceAsync(pending, Ct));
        await AssertConflictAsync(() => driver.RebootInstanceAsync(pending, Ct));

        var running = await CreateRunningAsync(driver, "running");
        await AssertConflictAsync(() => driver.StartInstanceAsync(running, Ct));

        await driver.StopInstanceAsync(running, Ct);
        Harness.Time.Advance(TimeSpan.FromSeconds(1));
        await AssertConflictAsync(() => driver.StopInstanceAsync(running, Ct));
        await AssertConflictAsync(() => driver.RebootInstanceAsync(running, Ct));

        await driver.DestroyInstanceAsync(running, Ct);
        await AssertConflictAsync(() => driver.StartInstanceAsync(running, Ct));
        await driver.DestroyInstanceAsync(running, Ct);
        await ExpectAsync(driver, running, DriverInstanceState.Terminating, "DELETING");
    }

    [Fact]
    public async Task Running_machines_have_a_stable_private_address_and_others_none()
    {
        var driver = Harness.Open();
        var created = await driver.CreateInstanceAsync(MockSpecs.Small("addressed"), Ct);
        Assert.Empty(created.Addresses);
        Harness.Time.Advance(TimeSpan.FromSeconds(2));

        var address = Assert.Single((await ExpectAsync(driver, created.Id, DriverInstanceState.Running, "ACTIVE")).Addresses);
        Assert.Matches(@"^10\.\d{1,3}\.\d{1,3}\.\d{1,3}$", address);
        Assert.Equal([address], (await Harness.Open().GetInstanceAsync(created.Id, Ct))!.Addresses);

        await driver.StopInstanceAsync(created.Id, Ct);
        Harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty((await ExpectAsync(driver, created.Id, DriverInstanceState.Stopped, "STOPPED")).Addresses);
    }

    private static async Task AssertConflictAsync(Func<Task> action)
    {
        var ex = await Assert.ThrowsAsync<DriverException>(action);
        Assert.Equal(DriverErrorKind.Conflict, ex.Kind);
    }
}
