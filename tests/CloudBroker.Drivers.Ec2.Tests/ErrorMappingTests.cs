using System.Net;
using System.Net.Sockets;
using CloudBroker.Testing.Ec2;
using Xunit;

namespace CloudBroker.Drivers.Ec2.Tests;

/// <summary>EC2's error codes, 5xx answers and transport failures as the driver's error kinds.</summary>
public sealed class ErrorMappingTests : Ec2TestBase
{
    [Fact]
    public async Task An_unknown_access_key_is_an_authentication_error_that_never_shows_the_secret()
    {
        const string secret = "wJalrXUtnFEMI-this-is-secret";
        var driver = Harness.Open(("Credentials:AccessKeyId", "AKIAUNKNOWNKEY000001"), ("Credentials:SecretAccessKey", secret));

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.ListInstancesAsync(Ct));

        Assert.Equal(DriverErrorKind.Authentication, ex.Kind);
        Assert.Contains("AuthFailure", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ami-0000000000000dead", "InvalidAMIID.NotFound")]
    [InlineData("debian-12", "InvalidAMIID.Malformed")]
    public async Task An_image_EC2_does_not_have_is_an_invalid_request(string imageId, string code)
    {
        var driver = Harness.Open();

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(Ec2Specs.Micro() with { ImageId = imageId }, Ct));

        Assert.Equal(DriverErrorKind.InvalidRequest, ex.Kind);
        Assert.Contains(code, ex.Message, StringComparison.Ordinal);
        Assert.Empty(Harness.Fake.Instances);
    }

    [Fact]
    public async Task A_token_reused_for_another_machine_is_an_invalid_request()
    {
        var driver = Harness.Open();
        var spec = Ec2Specs.Micro();
        await driver.CreateInstanceAsync(spec, Ct);

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(spec with { HardwareProfileId = "m5.large" }, Ct));

        Assert.Equal(DriverErrorKind.InvalidRequest, ex.Kind);
        Assert.Contains("IdempotentParameterMismatch", ex.Message, StringComparison.Ordinal);
        Assert.Single(Harness.Fake.Instances);
    }

    [Fact]
    public async Task An_instance_type_the_provider_does_not_offer_is_refused_before_calling_EC2()
    {
        var driver = Harness.Open();

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(Ec2Specs.Micro() with { HardwareProfileId = "x1e.32xlarge" }, Ct));

        Assert.Equal(DriverErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal(0, Harness.Fake.Counters.Requests("RunInstances"));
    }

    [Fact]
    public async Task No_capacity_in_the_zone_is_a_capacity_error()
    {
        Harness.Fake.Options.InsufficientCapacity = true;
        var driver = Harness.Open();

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(Ec2Specs.Micro(), Ct));

        Assert.Equal(DriverErrorKind.Capacity, ex.Kind);
        Assert.Contains("InsufficientInstanceCapacity", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_a_machine_that_is_still_pending_is_a_conflict()
    {
        Harness.Fake.Options.NeverReady = true;
        var driver = Harness.Open();
        var id = (await driver.CreateInstanceAsync(Ec2Specs.Micro(), Ct)).Id;

        var stop = await Assert.ThrowsAsync<DriverException>(() => driver.StopInstanceAsync(id, Ct));
        var reboot = await Assert.ThrowsAsync<DriverException>(() => driver.RebootInstanceAsync(id, Ct));

        Assert.Equal((DriverErrorKind.Conflict, DriverErrorKind.Conflict), (stop.Kind, reboot.Kind));
        Assert.Equal(DriverInstanceState.Pending, (await driver.GetInstanceAsync(id, Ct))!.State);
    }

    [Fact]
    public async Task Server_errors_are_transient_unavailability()
    {
        Harness.Fake.Options.ServerErrorRate = 1;
        var driver = Harness.Open();

        var errors = new List<DriverException>();
        for (var i = 0; i < 6; i++)
        {
            errors.Add(await Assert.ThrowsAsync<DriverException>(() => driver.ListRealmsAsync(Ct)));
        }

        Assert.All(errors, e => Assert.Equal(DriverErrorKind.Unavailable, e.Kind));
        Assert.All(errors, e => Assert.True(e.IsTransient));
        Assert.Contains(errors, e => e.Message.Contains("InternalError", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("Unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_create_answered_500_after_launching_is_found_again_by_its_token()
    {
        Harness.Fake.Options.FailAfterCreate = true;
        var driver = Harness.Open();
        var spec = Ec2Specs.Micro();

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(spec, Ct));
        var retried = await driver.CreateInstanceAsync(spec, Ct);

        Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
        Assert.Equal(Assert.Single(Harness.Fake.Instances).Id, retried.Id);
    }

    [Fact]
    public async Task An_endpoint_nobody_listens_on_is_unavailable()
    {
        var driver = Harness.Open(("ServiceUrl", $"http://127.0.0.1:{FreePort()}/"));

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.ListInstancesAsync(Ct));

        Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
    }

    [Fact]
    public async Task A_provider_slower_than_the_request_timeout_is_a_timeout()
    {
        Harness.Fake.Options.ResponseDelay = TimeSpan.FromSeconds(2);
        var driver = Harness.Open(("RequestTimeout", "00:00:00.3"));

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.ListInstancesAsync(Ct));

        Assert.Equal(DriverErrorKind.Timeout, ex.Kind);
    }

    [Fact]
    public async Task A_machine_EC2_no_longer_describes_is_gone_and_destroying_it_is_a_noop()
    {
        Harness.Fake.Options.TerminatedVisibleFor = TimeSpan.Zero;
        var driver = Harness.Open();
        var id = (await driver.CreateInstanceAsync(Ec2Specs.Micro(), Ct)).Id;
        await driver.DestroyInstanceAsync(id, Ct);

        // The fake's clock and the test's timer differ by a hair: look until it is gone, a few seconds at most.
        var deadline = DateTime.UtcNow + Harness.Fake.Options.ShuttingDownFor + TimeSpan.FromSeconds(5);
        while (await driver.GetInstanceAsync(id, Ct) is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), Ct);
        }

        Assert.Null(await driver.GetInstanceAsync(id, Ct));
        await driver.DestroyInstanceAsync(id, Ct);
        var start = await Assert.ThrowsAsync<DriverException>(() => driver.StartInstanceAsync(id, Ct));
        Assert.Equal(DriverErrorKind.NotFound, start.Kind);
    }

    [Fact]
    public async Task An_id_that_is_not_an_EC2_id_is_not_found()
    {
        var driver = Harness.Open();

        Assert.Null(await driver.GetInstanceAsync("not-an-instance", Ct));
        var reboot = await Assert.ThrowsAsync<DriverException>(() => driver.RebootInstanceAsync("not-an-instance", Ct));
        Assert.Equal(DriverErrorKind.NotFound, reboot.Kind);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
