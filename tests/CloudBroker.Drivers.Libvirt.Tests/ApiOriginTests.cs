namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>
/// Settings of a provider defined through the API reach nothing of the broker's host: the URIs the driver accepts
/// from there, what it refuses (checked again when it opens, whatever the core did), how an ssh URI signs in with an
/// identity of configuration, boot images of configuration, and the endpoint check before each connection.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the attacker's script is a Unix executable
public sealed class ApiOriginTests : LibvirtTestBase
{
    private static readonly (string, string)[] HostResources =
    [
        ("SshIdentities:ops:KeyFile", "/etc/cloudbroker/ssh/id ed25519"), ("SshIdentities:ops:KnownHostsFile", "/etc/cloudbroker/ssh/known_hosts"),
        ("BootImages:direct:Kernel", "/var/lib/cloudbroker/vmlinuz"), ("BootImages:direct:Initrd", "/var/lib/cloudbroker/initrd.img"),
        ("BootImages:direct:Cmdline", "console=ttyS0 quiet"),
    ];

    [Theory]
    [InlineData("test:///default", null)]
    [InlineData("qemu+tls://kvm1.example.com/system", "kvm1.example.com")]
    [InlineData("qemu+tls://10.0.0.7:16514/system", "10.0.0.7")]
    [InlineData("qemu+ssh://cloudbroker@kvm1.example.com/system", "kvm1.example.com")]
    [InlineData("qemu+libssh://cloudbroker@kvm1.example.com:2222/system", "kvm1.example.com")]
    [InlineData("qemu+tls://[2001:db8::7]/system", "[2001:db8::7]")]
    public void The_api_may_name_remote_system_daemons_and_the_in_process_test_host(string uri, string? host)
    {
        var verdict = LibvirtApiUris.Judge(uri);

        Assert.Null(verdict.Refusal);
        Assert.Equal(host is null ? [] : [host], verdict.Hosts);
    }

    [Theory]
    [InlineData("qemu+ext:///system?command=/tmp/x", "ext transport")]
    [InlineData("qemu+unix:///system", "unix socket")]
    [InlineData("qemu:///system", "broker's own host")]
    [InlineData("qemu:///session", "broker's own host")]
    [InlineData("qemu:///embed?root=/tmp/x", "parameters root")]
    [InlineData("test:///tmp/node.xml", "node file")]
    [InlineData("qemu+tcp://kvm1/system", "tcp transport")]
    [InlineData("qemu+tls://kvm1/system?no_verify=1", "parameters no_verify")]
    [InlineData("qemu+ssh://root@kvm1/system?keyfile=/root/.ssh/id_rsa&known_hosts=/dev/null", "parameters keyfile, known_hosts")]
    [InlineData("qemu+ssh://root@kvm1/system#frag", "not of an allowed form")]
    [InlineData("qemu+tls://root@kvm1/system", "only ssh URIs name a user")]
    [InlineData("qemu+tls://kvm1/session", "not of an allowed form")]
    [InlineData("lxc+tls://kvm1/system", "not a qemu or test URI")]
    [InlineData("qemu+tls://kvm1/system\n", "not of an allowed form")]
    public void Everything_else_is_refused_saying_why(string uri, string why)
    {
        var refusal = LibvirtApiUris.Judge(uri).Refusal;

        Assert.NotNull(refusal);
        Assert.Contains(why, refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void From_configuration_an_ext_uri_runs_its_program_and_from_the_api_the_driver_refuses_it_before_anything_runs()
    {
        var marker = Path.Combine(Path.GetTempPath(), "cb-ran-" + Guid.NewGuid().ToString("N"));
        var script = Path.Combine(Path.GetTempPath(), "cb-attacker-" + Guid.NewGuid().ToString("N") + ".sh");
        File.WriteAllText(script, $"#!/bin/sh\necho ran > '{marker}'\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var uri = $"qemu+ext:///system?command={script}";
            var refused = Assert.Throws<DriverException>(() => Harness.OpenIn(Harness.Context(ProviderOrigin.Api, [], ("Uris:0", uri))));
            Assert.Equal(DriverErrorKind.Unavailable, refused.Kind);
            Assert.Contains("Uris:0", refused.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(marker), "the URI's program ran for a provider of the API");

            // The operator's configuration may use ext (the same URI runs the program), so the refusal above is what stops it.
            var configured = Harness.OpenIn(Harness.Context(ProviderOrigin.Configuration, [], ("Uris:0", uri)));
            Assert.ThrowsAny<DriverException>(() => configured.Realms.All[0].Acquire());
            Assert.True(File.Exists(marker), "libvirt did not run the configured ext program: this test no longer shows anything");
        }
        finally
        {
            File.Delete(script);
            File.Delete(marker);
        }
    }

    [Theory]
    [InlineData("Images:tiny:Kernel", "/etc/shadow")]
    [InlineData("Images:tiny:Initrd", "/etc/shadow")]
    [InlineData("Images:tiny:Cmdline", "init=/bin/sh")]
    [InlineData("Uris:1", "test:///etc/passwd")]
    [InlineData("Secret", "/root/.ssh/id_rsa")]
    public void Host_settings_of_the_api_make_the_driver_refuse_to_open_naming_them(string key, string value)
    {
        var ex = Assert.Throws<DriverException>(() =>
            new LibvirtDriverFactory().Create(Harness.Context(ProviderOrigin.Api, [], ("Uris:0", "test:///default"), (key, value))));

        Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
        Assert.Contains("defined through the API", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ssh_uri_signs_in_with_the_identity_of_configuration_through_libssh_checking_host_keys()
    {
        var driver = Harness.OpenIn(Harness.Context(ProviderOrigin.Api, HostResources,
            ("Uris:0", "qemu+ssh://cloudbroker@kvm1.example.invalid:2222/system"), ("SshIdentity", "ops")));

        var address = Assert.Single(driver.Realms.All).Address;
        Assert.Equal(
            "qemu+libssh://cloudbroker@kvm1.example.invalid:2222/system?keyfile=%2Fetc%2Fcloudbroker%2Fssh%2Fid%20ed25519" +
            "&known_hosts=%2Fetc%2Fcloudbroker%2Fssh%2Fknown_hosts&known_hosts_verify=normal&sshauth=privkey",
            address.Uri);
        Assert.Equal(("kvm1-example-invalid", "kvm1.example.invalid"), (address.RealmId, address.Host));
    }

    [Theory]
    [InlineData(null, "needs SshIdentity")]
    [InlineData("nobody", "SshIdentity 'nobody' is not defined")]
    public void An_ssh_uri_of_the_api_without_a_defined_identity_is_refused(string? identity, string expected)
    {
        (string, string)[] settings = identity is null
            ? [("Uris:0", "qemu+ssh://cloudbroker@kvm1.example.invalid/system")]
            : [("Uris:0", "qemu+ssh://cloudbroker@kvm1.example.invalid/system"), ("SshIdentity", identity)];

        var ex = Assert.Throws<DriverException>(() => Harness.OpenIn(Harness.Context(ProviderOrigin.Api, HostResources, settings)));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_boot_image_of_configuration_is_written_into_the_domain()
    {
        var driver = Harness.OpenIn(Harness.Context(ProviderOrigin.Configuration, HostResources,
            [.. LibvirtHarness.OneRealm, ("Images:tiny:Boot", "direct"), ("VolumeFormat", "raw")]));

        var created = await driver.CreateInstanceAsync(Specs.Small() with { ImageId = "tiny" }, Ct);

        var os = new HostView(driver).DomainXml(created.Id).Element("os")!;
        Assert.Equal("/var/lib/cloudbroker/vmlinuz", (string?)os.Element("kernel"));
        Assert.Equal("/var/lib/cloudbroker/initrd.img", (string?)os.Element("initrd"));
        Assert.Equal("console=ttyS0 quiet", (string?)os.Element("cmdline"));
    }

    [Fact]
    public void A_host_whose_name_resolves_to_a_refused_address_is_not_connected_to()
    {
        var driver = Harness.OpenIn(Harness.Context(ProviderOrigin.Api, [], ("Uris:0", "qemu+tls://localhost/system")));

        var ex = Assert.Throws<DriverException>(() => Assert.Single(driver.Realms.All).Acquire());

        Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
        Assert.Contains("'localhost' resolves to", ex.Message, StringComparison.Ordinal);
        Assert.Contains("did not connect", ex.Message, StringComparison.Ordinal);
    }
}
