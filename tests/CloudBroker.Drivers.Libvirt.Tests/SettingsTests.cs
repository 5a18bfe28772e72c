using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>Settings: the profile syntax, realms from URIs, and refusals that name the bad key.</summary>
public sealed class SettingsTests : LibvirtTestBase
{
    [Theory]
    [InlineData("4", ProfilePropertyKind.Fixed, 4, 4, 1, 4)]
    [InlineData("1..8", ProfilePropertyKind.Range, 1, 8, 1, 1)]
    [InlineData("512..8192 step 512", ProfilePropertyKind.Range, 512, 8192, 512, 512)]
    [InlineData(" 512 .. 8192  STEP 512 default 1024 ", ProfilePropertyKind.Range, 512, 8192, 512, 1024)]
    [InlineData("10,20,40", ProfilePropertyKind.Enum, 10, 40, 1, 10)]
    [InlineData("40, 10,20 default 20", ProfilePropertyKind.Enum, 10, 40, 1, 20)]
    public void Profile_syntax(string text, ProfilePropertyKind kind, long min, long max, long step, long @default)
    {
        var property = ProfileSyntax.TryParse(text, out var error);

        Assert.Null(error);
        Assert.NotNull(property);
        Assert.Equal((kind, min, max, step, @default), (property.Kind, property.Min, property.Max, property.Step, property.Default));
    }

    [Theory]
    [InlineData("")]
    [InlineData("two")]
    [InlineData("8..1")]
    [InlineData("1..8 step 0")]
    [InlineData("512..8192 step 512 default 1000")]
    [InlineData("10,20 default 30")]
    [InlineData("0")]
    [InlineData("4 default 4")]
    [InlineData("-1..4")]
    [InlineData("99999999999999999999")]
    public void Profile_syntax_refusals(string text)
    {
        Assert.Null(ProfileSyntax.TryParse(text, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public async Task Configured_profiles_replace_the_defaults()
    {
        var driver = Harness.Open(
            ("HardwareProfiles:m1:Name", "Medium"), ("HardwareProfiles:m1:Cpu", "1,2,4 default 2"),
            ("HardwareProfiles:m1:MemoryMiB", "1024..8192 step 1024 default 4096"), ("HardwareProfiles:m1:StorageGiB", "20"));

        var profile = Assert.Single(await driver.ListHardwareProfilesAsync(Ct));

        Assert.Equal(("m1", "Medium", "x86_64"), (profile.Id, profile.Name, profile.Architecture));
        Assert.Equal([1, 2, 4], profile.Cpu.Values);
        Assert.Equal((1024, 8192, 1024, 4096), (profile.MemoryMiB.Min, profile.MemoryMiB.Max, profile.MemoryMiB.Step, profile.MemoryMiB.Default));
        Assert.Equal((ProfilePropertyKind.Fixed, 20), (profile.StorageGiB.Kind, profile.StorageGiB.Default));
        var refused = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(
            Specs.Small() with { HardwareProfileId = "m1", Cpu = 3, MemoryMiB = 4096, StorageGiB = 20 }, Ct));
        Assert.Equal(DriverErrorKind.InvalidRequest, refused.Kind);
        Assert.Contains("cpu 3", refused.Message);
    }

    [Fact]
    public async Task Without_configured_profiles_there_are_small_and_flex()
    {
        var profiles = await Harness.Open().ListHardwareProfilesAsync(Ct);

        Assert.Equal(["small", "flex"], profiles.Select(p => p.Id));
        Assert.False(profiles[0].Cpu.IsChoice || profiles[0].MemoryMiB.IsChoice || profiles[0].StorageGiB.IsChoice);
        Assert.True(profiles[1].Cpu.IsChoice && profiles[1].MemoryMiB.IsChoice && profiles[1].StorageGiB.IsChoice);
    }

    [Theory]
    [InlineData("qemu+ssh://root@kvm1.Example.com/system", "kvm1-example-com", "kvm1.example.com (qemu+ssh)")]
    [InlineData("qemu:///system", "local", "local (qemu)")]
    [InlineData("qemu+tls://10.0.0.7/system", "10-0-0-7", "10.0.0.7 (qemu+tls)")]
    public void A_realm_is_named_after_its_host(string uri, string realmId, string name)
    {
        var errors = new List<string>();
        var section = Harness.Context(("Uris:0", uri)).Settings.GetSection("Uris");

        var realm = Assert.Single(RealmAddressList.Read(section, errors));

        Assert.Empty(errors);
        Assert.Equal((realmId, name, uri), (realm.RealmId, realm.Name, realm.Uri));
    }

    [Fact]
    public async Task Uris_may_be_one_comma_list_and_realms_may_be_named()
    {
        var driver = Harness.OpenExactly(("Uris", $"{TestHosts.HostA}, qemu+ssh://kvm2/system"));
        var named = Harness.OpenExactly(("Uris:0:Uri", TestHosts.HostA), ("Uris:0:Realm", "rack-1"));

        Assert.Equal(["local", "kvm2"], (await driver.ListRealmsAsync(Ct)).Select(r => r.Id));
        Assert.Equal("rack-1", Assert.Single(await named.ListRealmsAsync(Ct)).Id);
    }

    [Theory]
    [InlineData("Uris", "", "Uris is required")]
    [InlineData("Uris:0", "not a uri", "not an absolute URI")]
    [InlineData("DomainType", "xen", "DomainType must be one of kvm, qemu, test")]
    [InlineData("VolumeFormat", "vmdk", "VolumeFormat must be one of")]
    [InlineData("StopGracePeriod", "-00:00:01", "StopGracePeriod must not be negative")]
    [InlineData("StopGracePeriod", "soon", "StopGracePeriod")]
    [InlineData("HardwareProfiles:Big:Cpu", "2", "HardwareProfiles:Big")]
    [InlineData("HardwareProfiles:big:Cpu", "lots", "HardwareProfiles:big:Cpu")]
    [InlineData("Images:tiny:Cmdline", "quiet", "Images:tiny: Initrd and Cmdline need a Kernel")]
    public void Bad_settings_make_the_provider_unavailable_naming_the_key(string key, string value, string expected)
    {
        (string, string)[] settings = key.StartsWith("Uris", StringComparison.Ordinal) ? [(key, value)] : [.. LibvirtHarness.OneRealm, (key, value)];

        var ex = Assert.Throws<DriverException>(() => new LibvirtDriverFactory().Create(Harness.Context(settings)));

        Assert.Equal(DriverErrorKind.Unavailable, ex.Kind);
        Assert.Contains(expected, ex.Message);
        Assert.Contains("README", ex.Message);
    }

    [Fact]
    public void Two_uris_of_one_host_need_realm_names()
    {
        var ex = Assert.Throws<DriverException>(() => new LibvirtDriverFactory().Create(
            Harness.Context(("Uris:0", TestHosts.HostA), ("Uris:1", TestHosts.HostB))));

        Assert.Contains("two URIs would be realm 'local'", ex.Message);
    }

    [Fact]
    public void AddLibvirtDriver_registers_the_factory_once()
    {
        var services = new ServiceCollection().AddLibvirtDriver().AddLibvirtDriver();

        var registration = Assert.Single(services, d => d.ServiceType == typeof(ICloudDriverFactory));

        Assert.Equal((typeof(LibvirtDriverFactory), ServiceLifetime.Singleton), (registration.ImplementationType, registration.Lifetime));
    }
}
