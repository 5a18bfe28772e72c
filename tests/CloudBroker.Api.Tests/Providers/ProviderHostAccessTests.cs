using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Persistence;
using CloudBroker.Provisioning.Providers;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.StoredProviders;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Providers;

/// <summary>
/// Issue 13, item 1: nothing a provider defined through the API carries reaches the broker's host. Each setting that
/// names a host file or program (or is not on the driver's allow-list) is a 400 naming it; no program runs, no file
/// is read, nothing is stored; a stored row from an older version opens unavailable; host resources are named in
/// configuration and referred to by name.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the attacker's script is a Unix executable
public sealed class ProviderHostAccessTests(ProviderRulesFactory factory) : IClassFixture<ProviderRulesFactory>
{
    public static TheoryData<string, string, string> RefusedSettings() => new()
    {
        { "libvirt", "Uris:0", "qemu+ext:///system?command=/usr/bin/id" },
        { "libvirt", "Uris:0", "qemu+unix:///system?socket=/run/libvirt/libvirt-sock" },
        { "libvirt", "Uris:0", "qemu:///system" },
        { "libvirt", "Uris:0", "qemu+ssh://root@kvm1.example.com/system?keyfile=/root/.ssh/id_rsa" },
        { "libvirt", "Uris:0", "qemu+ssh://root@kvm1.example.com/system?netcat=/tmp/nc" },
        { "libvirt", "Uris:0", "qemu+ssh://root@kvm1.example.com/system?command=/tmp/ssh" },
        { "libvirt", "Uris:0", "qemu+libssh://root@kvm1.example.com/system?known_hosts=/etc/passwd" },
        { "libvirt", "Uris:0", "qemu+libssh://root@kvm1.example.com/system?known_hosts_verify=ignore" },
        { "libvirt", "Uris:0", "qemu+ssh://root@kvm1.example.com/system?no_verify=1" },
        { "libvirt", "Uris:0", "qemu+ssh://root@kvm1.example.com/system?no_tty=1" },
        { "libvirt", "Uris:0", "qemu+tls://kvm1.example.com/system?pkipath=/etc/pki/libvirt" },
        { "libvirt", "Uris:0", "qemu+tls://kvm1.example.com/system?socket=/tmp/sock" },
        { "libvirt", "Uris:0", "qemu+tls://kvm1.example.com/system?made_up=1" },
        { "libvirt", "Uris:0", "qemu+tls://kvm1.example.com/system?%63ommand=/usr/bin/id" },
        { "libvirt", "Uris:0", "qemu+tcp://kvm1.example.com/system" },
        { "libvirt", "Uris:0", "test:///etc/passwd" },
        { "libvirt", "Uris:0:Uri", "qemu+ext:///system?command=/usr/bin/id" },
        { "libvirt", "uris:0", "QEMU+EXT:///system?command=/usr/bin/id" },
        { "libvirt", "Uris", "test:///default, qemu+ext:///system?command=/usr/bin/id" },
        { "libvirt", "Images:tiny:Kernel", "/etc/shadow" },
        { "libvirt", "Images:tiny:Initrd", "/etc/shadow" },
        { "libvirt", "Images:tiny:Cmdline", "console=ttyS0 init=/bin/sh" },
        { "libvirt", "KeyFile", "/root/.ssh/id_rsa" },
        { "azure", "TrustedCertificateFile", "/etc/shadow" },
        { "ec2", "ProfileName", "default" },
        { "ec2", "ProfilesLocation", "/root/.aws/credentials" },
        { "mock", "DataFile", "/etc/passwd" },
    };

    [Theory]
    [MemberData(nameof(RefusedSettings))]
    public async Task A_setting_only_configuration_may_give_is_refused_naming_it_and_nothing_is_stored(string driver, string key, string value)
    {
        using var admin = factory.CreateAdminClient();
        var id = NewId("host");
        using var response = await admin.PostAsync("/api/providers", Body(new JsonObject
        {
            ["id"] = id, ["driver"] = driver, ["settings"] = new JsonObject { [key] = value },
        }), Ct);

        var error = await ExpectFieldErrorAsync(response, "/settings/" + key);
        Assert.Matches("configuration|may name", (string?)error["detail"]);
        using var gone = await admin.GetAsync("/api/providers/" + id, Ct);
        await ExpectProblemAsync(gone, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task An_ext_uri_is_refused_and_its_program_never_runs()
    {
        var (script, marker) = AttackerScript();
        using var admin = factory.CreateAdminClient();
        using var response = await admin.PostAsync("/api/providers", Body(new JsonObject
        {
            ["id"] = NewId("ext"), ["driver"] = "libvirt", ["settings"] = new JsonObject { ["Uris:0"] = $"qemu+ext:///system?command={script}" },
        }), Ct);

        var error = await ExpectFieldErrorAsync(response, "/settings/Uris:0");
        Assert.Contains("runs a program on the broker's host", (string?)error["detail"], StringComparison.Ordinal);
        Assert.Contains("command", (string?)error["detail"], StringComparison.Ordinal);
        Assert.False(File.Exists(marker), "the URI's program ran");
    }

    [Fact]
    public async Task A_stored_row_with_host_settings_from_an_older_version_opens_unavailable_and_runs_nothing()
    {
        var (script, marker) = AttackerScript();
        var id = NewId("old");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
            var now = DateTime.UtcNow;
            db.Add(new ProviderRecord
            {
                Id = id, Driver = "libvirt", Enabled = true, Version = 1, CreatedAt = now, CreatedBy = "admin", UpdatedAt = now, UpdatedBy = "admin",
                Settings = ProviderSettings.Serialize(new Dictionary<string, string>
                {
                    ["Uris:0"] = $"qemu+ext:///system?command={script}", ["Images:tiny:Kernel"] = "/etc/shadow",
                }),
            });
            await db.SaveChangesAsync(Ct);
            await factory.Services.GetRequiredService<ProviderSync>().RefreshAsync(id, db, Ct);
        }


        using var admin = factory.CreateAdminClient();
        var provider = await admin.GetProviderAsync(id);
        Assert.Equal("unavailable", (string?)provider["status"]);
        Assert.Equal("misconfigured", (string?)provider["statusCategory"]);
        Assert.Contains("Uris:0", (string?)provider["statusReason"], StringComparison.Ordinal);
        Assert.Contains("Images:tiny:Kernel", (string?)provider["statusReason"], StringComparison.Ordinal);
        Assert.Null(factory.Services.GetRequiredService<ProviderRegistry>().Find(id)!.Driver);
        Assert.False(File.Exists(marker), "the stored URI's program ran");
    }

    [Fact]
    public async Task The_azure_certificate_path_gets_the_same_answer_whether_or_not_the_file_exists()
    {
        using var admin = factory.CreateAdminClient(); // first: the API makes its data folder when it starts
        var existing = Path.Combine(factory.DataDirectory, "ca-" + Guid.NewGuid().ToString("N") + ".pem");
        await File.WriteAllTextAsync(existing, "-----BEGIN CERTIFICATE-----\nnot one\n-----END CERTIFICATE-----\n", Ct);
        var missing = existing + ".missing";
        var id = NewId("az");

        async Task<string> AnswerAsync(string path)
        {
            using var response = await admin.PostAsync("/api/providers", Body(new JsonObject
            {
                ["id"] = id, ["driver"] = "azure", ["settings"] = new JsonObject { ["TrustedCertificateFile"] = path },
                ["credentials"] = new JsonObject { ["TenantId"] = "t", ["ClientId"] = "c", ["ClientSecret"] = "s" },
            }), Ct);
            var error = await ExpectFieldErrorAsync(response, "/settings/TrustedCertificateFile");
            Assert.Contains("TrustBundle", (string?)error["detail"], StringComparison.Ordinal);
            return await response.Content.ReadAsStringAsync(Ct);
        }

        Assert.Equal(await AnswerAsync(missing), await AnswerAsync(existing));
        Assert.Equal(await AnswerAsync("/nonexistent/shadow"), await AnswerAsync("/etc/shadow"));
    }

    [Fact]
    public async Task A_libvirt_provider_of_the_api_boots_a_boot_image_of_configuration_by_name()
    {
        using var admin = factory.CreateAdminClient();
        var id = NewId("boot");
        var body = LibvirtBody(id, new JsonObject { ["Images:tiny:Boot"] = "direct", ["Images:tiny:Name"] = "Tiny" });
        var (created, _) = await admin.CreateProviderAsync(body);
        Assert.Equal("available", (string?)created["status"]);
        using (var images = await admin.GetAsync("/api/images?providerId=" + id, Ct))
        {
            var items = (await ExpectJsonAsync(images, HttpStatusCode.OK))["items"]!.AsArray();
            Assert.Equal("Tiny", (string?)Assert.Single(items)!["name"]);
        }

        Assert.DoesNotContain(ProviderRulesFactory.BootKernel, created.ToJsonString(), StringComparison.Ordinal);
        using var undefined = await admin.PostAsync("/api/providers", Body(LibvirtBody(NewId("boot"), new JsonObject { ["Images:tiny:Boot"] = "nowhere" })), Ct);
        var error = await ExpectFieldErrorAsync(undefined, "/settings");
        Assert.Contains("Boot 'nowhere' is not defined", (string?)error["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ssh_host_is_reached_only_with_an_ssh_identity_of_configuration()
    {
        using var admin = factory.CreateAdminClient();
        var ssh = new JsonObject { ["Uris:0"] = "qemu+ssh://cloudbroker@kvm1.example.invalid/system" };
        using (var without = await admin.PostAsync("/api/providers", Body(LibvirtBody(NewId("ssh"), ssh.DeepClone().AsObject())), Ct))
        {
            var error = await ExpectFieldErrorAsync(without, "/settings");
            Assert.Contains("needs SshIdentity", (string?)error["detail"], StringComparison.Ordinal);
        }

        var id = NewId("ssh");
        ssh["SshIdentity"] = "ops";
        var (created, _) = await admin.CreateProviderAsync(LibvirtBody(id, ssh));
        Assert.Equal("ops", (string?)created["settings"]!["SshIdentity"]);
        Assert.DoesNotContain(ProviderRulesFactory.SshKeyFile, created.ToJsonString(), StringComparison.Ordinal);

        // The identity resolved and the driver opened (the URI libvirt is given is shown by the libvirt driver's tests).
        Assert.NotNull(factory.Services.GetRequiredService<ProviderRegistry>().Find(id)!.Driver);
    }

    private static JsonObject LibvirtBody(string id, JsonObject settings)
    {
        settings["Uris:0"] ??= "test:///default";
        settings["StoragePool"] = "default-pool";
        return new JsonObject { ["id"] = id, ["driver"] = "libvirt", ["settings"] = settings };
    }

    /// <summary>A script that writes a marker file when run: what the attacker's URI names.</summary>
    private (string Script, string Marker) AttackerScript()
    {
        var marker = Path.Combine(factory.DataDirectory, "ran-" + Guid.NewGuid().ToString("N"));
        var script = Path.Combine(factory.DataDirectory, "attacker-" + Guid.NewGuid().ToString("N") + ".sh");
        Directory.CreateDirectory(factory.DataDirectory);
        File.WriteAllText(script, $"#!/bin/sh\necho ran > '{marker}'\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return (script, marker);
    }
}
