using CloudBroker.Testing.Azure;

namespace CloudBroker.Drivers.Azure.Tests;

/// <summary>Each Azure failure reaches the broker as the driver error kind it means.</summary>
public sealed class ErrorMappingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_wrong_client_secret_is_an_authentication_error_that_names_the_setting_but_not_the_secret()
    {
        const string wrong = "not-the-secret-5f2a";
        await using var harness = await AzureHarness.StartAsync();
        await using var driver = harness.Open(new Dictionary<string, string?> { ["Credentials:ClientSecret"] = wrong });

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.ListInstancesAsync(Ct));

        Assert.Equal(DriverErrorKind.Authentication, ex.Kind);
        Assert.Contains("Credentials:ClientSecret", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AADSTS7000215", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, harness.Fake.Counters["list"]);
    }

    [Fact]
    public async Task An_unknown_tenant_is_an_authentication_error()
    {
        await using var harness = await AzureHarness.StartAsync();
        await using var driver = harness.Open(new Dictionary<string, string?> { ["Credentials:TenantId"] = Guid.NewGuid().ToString() });

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.GetInstanceAsync("cb-x", Ct));

        Assert.Equal(DriverErrorKind.Authentication, ex.Kind);
    }

    [Fact]
    public async Task A_token_ARM_does_not_accept_is_an_authentication_error()
    {
        // Tokens come from one fake's Entra endpoint, ARM calls go to another that never issued them.
        await using var issuer = await AzureHarness.StartAsync();
        await using var arm = await AzureHarness.StartAsync();
        var bothCertificates = Path.Combine(Path.GetTempPath(), $"both-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(bothCertificates,
            await File.ReadAllTextAsync(issuer.Fake.CertificateFile, Ct) + await File.ReadAllTextAsync(arm.Fake.CertificateFile, Ct), Ct);
        try
        {
            await using var driver = arm.Open(new Dictionary<string, string?>
            {
                ["AuthorityHost"] = issuer.Fake.Endpoint.AbsoluteUri,
                ["TrustedCertificateFile"] = bothCertificates,
            });

            var ex = await Assert.ThrowsAsync<DriverException>(() => driver.ListInstancesAsync(Ct));

            Assert.True(ex.Kind == DriverErrorKind.Authentication, ex.ToString());
            Assert.Contains("InvalidAuthenticationToken", ex.Message, StringComparison.Ordinal);
            Assert.Equal(1, arm.Fake.Counters.Unauthorized);
        }
        finally
        {
            File.Delete(bothCertificates);
        }
    }

    [Fact]
    public async Task A_429_is_throttled_with_the_Retry_After_ARM_sent()
    {
        await using var harness = await AzureHarness.StartAsync(o =>
        {
            o.WriteBurst = 1;
            o.WriteRefillPerSecond = 0.1;
        });
        await using var driver = harness.Open();
        await driver.CreateInstanceAsync(Specs.New(), Ct);

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(Specs.New(), Ct));

        Assert.Equal(DriverErrorKind.Throttled, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(10), ex.RetryAfter);
        Assert.Equal(1, harness.Fake.Counters.Throttled);
        Assert.Equal(2, harness.Fake.Counters["put"]);
        Assert.Single(await driver.ListInstancesAsync(Ct));
    }

    [Theory]
    [InlineData("AllocationFailed")]
    [InlineData("ZonalAllocationFailed")]
    [InlineData("SkuNotAvailable")]
    [InlineData("OperationNotAllowed")]
    public async Task No_capacity_or_no_quota_at_Azure_is_a_capacity_error(string code)
    {
        await using var harness = await AzureHarness.StartAsync(o => o.CapacityError = code);
        await using var driver = harness.Open();

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(Specs.New(), Ct));

        Assert.Equal(DriverErrorKind.Capacity, ex.Kind);
        Assert.Contains(code, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_are_transient_unavailability()
    {
        await using var harness = await AzureHarness.StartAsync(o => o.ServerErrorRate = 1);
        await using var driver = harness.Open();

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.GetInstanceAsync("cb-x", Ct));

        Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
        Assert.True(ex.IsTransient);
        Assert.Equal(1, harness.Fake.Counters.ServerErrors);
    }

    [Fact]
    public async Task A_create_that_failed_after_making_the_VM_is_made_good_by_creating_again()
    {
        await using var harness = await AzureHarness.StartAsync(o => o.FailAfterCreate = true);
        await using var driver = harness.Open();
        var spec = Specs.New();

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(spec, Ct));
        var again = await driver.CreateInstanceAsync(spec, Ct);

        Assert.True(ex.IsTransient);
        Assert.Equal($"cb-{spec.InstanceId}", again.Id);
        Assert.Single(await driver.ListInstancesAsync(Ct));
    }

    [Fact]
    public async Task An_image_Azure_does_not_have_is_an_invalid_request()
    {
        await using var harness = await AzureHarness.StartAsync();
        await using var driver = harness.Open(new Dictionary<string, string?>
        {
            ["Images:0:Id"] = "gone",
            ["Images:0:Publisher"] = "Canonical",
            ["Images:0:Offer"] = "UbuntuServer",
            ["Images:0:Sku"] = "14.04-LTS",
        });

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(Specs.New(image: "gone"), Ct));

        Assert.Equal(DriverErrorKind.InvalidRequest, ex.Kind);
        Assert.Contains("PlatformImageNotFound", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subnet_that_does_not_exist_is_an_invalid_request()
    {
        await using var harness = await AzureHarness.StartAsync();
        await using var driver = harness.Open(new Dictionary<string, string?>
        {
            ["SubnetId"] = harness.Fake.SubnetId.Replace("/subnets/default", "/subnets/other", StringComparison.Ordinal),
        });

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(Specs.New(), Ct));

        Assert.Equal(DriverErrorKind.InvalidRequest, ex.Kind);
        Assert.Contains("InvalidResourceReference", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restarting_a_deallocated_VM_is_a_conflict()
    {
        await using var harness = await AzureHarness.StartAsync(o =>
        {
            o.CreatingFor = TimeSpan.Zero;
            o.StoppingFor = TimeSpan.Zero;
        });
        await using var driver = harness.Open();
        var created = await driver.CreateInstanceAsync(Specs.New(), Ct);
        await driver.StopInstanceAsync(created.Id, Ct);

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.RebootInstanceAsync(created.Id, Ct));

        Assert.Equal(DriverErrorKind.Conflict, ex.Kind);
        Assert.Contains("OperationNotAllowed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resource_group_that_does_not_exist_is_unavailability_naming_the_setting()
    {
        await using var harness = await AzureHarness.StartAsync();
        await using var driver = harness.Open(new Dictionary<string, string?> { ["ResourceGroup"] = "no-such-group" });

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.ListInstancesAsync(Ct));

        Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
        Assert.Contains("ResourceGroup", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_nobody_listens_on_is_unavailability()
    {
        int port;
        await using (var gone = await ArmFake.StartAsync(cancellationToken: Ct))
        {
            port = gone.Endpoint.Port;
        }

        await using var harness = await AzureHarness.StartAsync();
        await using var driver = harness.Open(new Dictionary<string, string?> { ["Endpoint"] = $"https://127.0.0.1:{port}/" });

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.ListInstancesAsync(Ct));

        Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
    }

    [Fact]
    public async Task The_fakes_certificate_is_refused_unless_it_is_trusted()
    {
        await using var harness = await AzureHarness.StartAsync();
        await using var driver = harness.Open(new Dictionary<string, string?> { ["TrustedCertificateFile"] = null });

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.ListInstancesAsync(Ct));

        Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
        Assert.Equal(0, harness.Fake.Counters["token"]);
    }
}
