using System.Xml.Linq;

namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>Names and tags reach libvirt escaped, exactly as given, or are refused; they never change the domain's structure.</summary>
public sealed class HostileInputTests : LibvirtTestBase
{
    public static TheoryData<string> HostileNames { get; } =
    [
        "a<b>&c\"d'e",
        "x]]>y<![CDATA[z]]>",
        "</title><seclabel type='none' model='none'/><title>",
        "&lt;&amp;&#x3c; not entities",
        "名前-ünïcödé-🙂-שלום",
        new string('n', 255),
    ];

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task A_hostile_name_is_the_title_exactly_and_injects_nothing(string name)
    {
        var driver = Harness.Open();

        var created = await driver.CreateInstanceAsync(Specs.Small(name), Ct);

        var xml = new HostView(driver).DomainXml(created.Id);
        Assert.Equal(name, (string?)xml.Element("title"));
        Assert.Empty(xml.Descendants("seclabel"));
        Assert.Single(xml.Elements("title"));
        Assert.Equal(name, created.Name);
        Assert.Equal(name, (await GetAsync(driver, created.Id)).Name);
    }

    [Fact]
    public async Task Hostile_tags_round_trip_exactly_inside_the_broker_element()
    {
        var driver = Harness.Open();
        var spec = Specs.Small();
        var tags = new Dictionary<string, string>(spec.Tags)
        {
            ["owner\"><x k='"] = "]]></cb:instance><cb:instance-id>forged</cb:instance-id>",
            ["emoji-🙂"] = "line one\nline two & <three>",
        };

        var created = await driver.CreateInstanceAsync(spec with { Tags = tags }, Ct);

        var seen = await GetAsync(driver, created.Id);
        Assert.Equal(tags.OrderBy(t => t.Key), seen.Tags.OrderBy(t => t.Key));
        var identity = new HostView(driver).DomainXml(created.Id).Element("metadata")!.Elements().Single();
        Assert.Equal(spec.InstanceId, (string?)identity.Element(identity.Name.Namespace + "instance-id"));
    }

    [Fact]
    public async Task A_hostile_provider_id_is_its_own_element_exactly_and_forges_no_installation()
    {
        var driver = Harness.Open();
        var spec = Specs.Small();
        var forged = "kvm</cb:provider-id><cb:installation-id>forged</cb:installation-id><cb:provider-id>x";

        var created = await driver.CreateInstanceAsync(spec with { Tags = new Dictionary<string, string>(spec.Tags) { [BrokerTags.ProviderId] = forged } }, Ct);

        var seen = Assert.Single(await driver.ListInstancesAsync(Ct), i => i.Id == created.Id);
        Assert.Equal(forged, seen.Tags[BrokerTags.ProviderId]);
        Assert.Equal(LibvirtHarness.InstallationId, seen.Tags[BrokerTags.InstallationId]);
        var identity = new HostView(driver).DomainXml(created.Id).Element("metadata")!.Elements().Single();
        Assert.Equal(forged, (string?)Assert.Single(identity.Elements(identity.Name.Namespace + "provider-id")));
        Assert.Equal(LibvirtHarness.InstallationId, (string?)Assert.Single(identity.Elements(identity.Name.Namespace + "installation-id")));
    }

    [Fact]
    public async Task A_domain_made_before_machines_named_their_provider_is_listed_without_a_provider_tag()
    {
        var driver = Harness.Open();
        var made = Guid.NewGuid();
        XNamespace cb = "https://cloudbroker.dev/xmlns/libvirt/1";
        new HostView(driver).Run(connection =>
        {
            var xml = new XElement("domain", new XAttribute("type", "kvm"), new XElement("name", "cb-" + made), new XElement("uuid", made),
                new XElement("metadata", new XElement(cb + "instance", new XAttribute(XNamespace.Xmlns + "cb", cb),
                    new XElement(cb + "installation-id", LibvirtHarness.InstallationId), new XElement(cb + "instance-id", made.ToString()))),
                new XElement("memory", 1024), new XElement("os", new XElement("type", "hvm")));
            using var domain = Interop.Connections.DefineDomain(connection, xml.ToString());
            return true;
        });

        var seen = Assert.Single(await driver.ListInstancesAsync(Ct));

        Assert.Equal(LibvirtHarness.InstallationId, seen.Tags[BrokerTags.InstallationId]);
        Assert.Equal(made.ToString(), seen.Tags[BrokerTags.InstanceId]);
        Assert.False(seen.Tags.ContainsKey(BrokerTags.ProviderId));
    }

    [Theory]
    [InlineData("bell\u0007")]
    [InlineData("nul\0")]
    [InlineData("lone {surrogate}")]
    public async Task A_name_XML_cannot_carry_is_refused_and_nothing_is_made(string name)
    {
        // Built here: theory data is serialized between discovery and the run, which would repair a lone surrogate.
        name = name.Replace("{surrogate}", "\ud800", StringComparison.Ordinal);
        var driver = Harness.Open();
        var spec = Specs.Small(name);

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(spec, Ct));

        Assert.Equal(DriverErrorKind.InvalidRequest, ex.Kind);
        Assert.Null(await driver.GetInstanceAsync(spec.InstanceId, Ct));
        Assert.Empty(new HostView(driver).InstanceVolumes());
    }

    [Fact]
    public async Task A_newline_in_the_name_is_refused_by_libvirt_schema_validation_and_the_volume_is_undone()
    {
        var driver = Harness.Open();
        var spec = Specs.Small("two\nlines");

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(spec, Ct));

        // The title's RNG pattern forbids newlines: only VIR_DOMAIN_DEFINE_VALIDATE catches it.
        Assert.Equal(DriverErrorKind.InvalidRequest, ex.Kind);
        Assert.Contains("virDomainDefineXMLFlags", ex.Message);
        Assert.Contains("schema", ex.Message);
        Assert.Null(await driver.GetInstanceAsync(spec.InstanceId, Ct));
        Assert.Empty(new HostView(driver).InstanceVolumes());
    }

    [Fact]
    public async Task A_name_longer_than_255_characters_is_refused()
    {
        var driver = Harness.Open();

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(Specs.Small(new string('n', 256)), Ct));

        Assert.Equal(DriverErrorKind.InvalidRequest, ex.Kind);
        Assert.Empty(new HostView(driver).DomainUuids());
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("00000000-0000-0000-0000-000000000000' or '1")]
    public async Task An_instance_id_that_is_not_a_uuid_is_refused(string instanceId)
    {
        var driver = Harness.Open();
        var spec = Specs.Small() with { InstanceId = instanceId, Tags = new Dictionary<string, string>() };

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(spec, Ct));

        Assert.Equal(DriverErrorKind.InvalidRequest, ex.Kind);
        Assert.Null(await driver.GetInstanceAsync(instanceId, Ct));
        var stop = await Assert.ThrowsAsync<DriverException>(() => driver.StopInstanceAsync(instanceId, Ct));
        Assert.Equal(DriverErrorKind.NotFound, stop.Kind);
    }

    [Fact]
    public async Task Domains_the_broker_did_not_make_are_listed_without_tags()
    {
        var driver = Harness.Open();
        var foreign = Guid.NewGuid();
        new HostView(driver).Run(connection =>
        {
            var xml = new XElement("domain", new XAttribute("type", "kvm"), new XElement("name", "someone-elses"),
                new XElement("uuid", foreign), new XElement("memory", 1024),
                new XElement("os", new XElement("type", "hvm")));
            using var domain = Interop.Connections.DefineDomain(connection, xml.ToString());
            return true;
        });

        var listed = await driver.ListInstancesAsync(Ct);

        var seen = Assert.Single(listed);
        Assert.Equal((foreign.ToString(), "someone-elses", DriverInstanceState.Stopped), (seen.Id, seen.Name, seen.State));
        Assert.Empty(seen.Tags);
        Assert.Null(seen.ImageId);
    }
}
