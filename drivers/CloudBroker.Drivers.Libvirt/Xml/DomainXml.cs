using System.Globalization;
using System.Xml;

namespace CloudBroker.Drivers.Libvirt.Xml;

/// <summary>
/// Writes an instance's domain XML with an <see cref="XmlWriter"/>, so names and tags are escaped, never spliced
/// in. It sets no <c>&lt;seclabel&gt;</c>: confinement stays the host's default (sVirt with SELinux or AppArmor).
/// </summary>
internal static class DomainXml
{
    public static string Write(DomainPlan plan) => SafeXml.Write(xml =>
    {
        xml.WriteStartElement("domain");
        xml.WriteAttributeString("type", plan.DomainType);
        xml.WriteElementString("name", LibvirtNames.ForInstance(plan.Uuid));
        xml.WriteElementString("uuid", plan.Uuid.ToString("D"));
        xml.WriteElementString("title", plan.Title);
        xml.WriteStartElement("metadata");
        BrokerMetadata.WriteIdentity(xml, plan.Identity);
        xml.WriteEndElement();
        WriteValue(xml, "memory", plan.MemoryMiB, ("unit", "MiB"));
        WriteValue(xml, "vcpu", plan.Vcpus);
        WriteOs(xml, plan.Image);

        // ACPI lets a guest see the graceful shutdown request that stop sends.
        xml.WriteStartElement("features");
        Empty(xml, "acpi");
        if (plan.Image.Architecture is "x86_64" or "i686")
        {
            Empty(xml, "apic");
        }

        xml.WriteEndElement();
        xml.WriteElementString("on_poweroff", "destroy");
        xml.WriteElementString("on_reboot", "restart");
        xml.WriteElementString("on_crash", "destroy");
        WriteDevices(xml, plan);
        xml.WriteEndElement();
    });

    private static void WriteOs(XmlWriter xml, LibvirtImage image)
    {
        xml.WriteStartElement("os");
        xml.WriteStartElement("type");
        xml.WriteAttributeString("arch", image.Architecture);
        xml.WriteString("hvm");
        xml.WriteEndElement();
        if (image.Kernel is not null)
        {
            // Direct kernel boot (a kernel and initrd on the host), as for images without a boot loader.
            xml.WriteElementString("kernel", image.Kernel);
            Optional(xml, "initrd", image.Initrd);
            Optional(xml, "cmdline", image.Cmdline);
        }
        else
        {
            xml.WriteStartElement("boot");
            xml.WriteAttributeString("dev", "hd");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteDevices(XmlWriter xml, DomainPlan plan)
    {
        xml.WriteStartElement("devices");
        xml.WriteStartElement("disk");
        xml.WriteAttributeString("type", "volume");
        xml.WriteAttributeString("device", "disk");
        Empty(xml, "driver", ("name", "qemu"), ("type", plan.DiskFormat));
        Empty(xml, "source", ("pool", plan.StoragePool), ("volume", plan.Volume));
        Empty(xml, "target", ("dev", "vda"), ("bus", "virtio"));
        xml.WriteEndElement();

        xml.WriteStartElement("interface");
        xml.WriteAttributeString("type", "network");
        Empty(xml, "source", ("network", plan.Network));
        Empty(xml, "model", ("type", "virtio"));
        xml.WriteEndElement();

        Empty(xml, "serial", ("type", "pty"));
        Empty(xml, "console", ("type", "pty"));
        xml.WriteEndElement();
    }

    private static void WriteValue(XmlWriter xml, string name, int value, params (string Name, string Value)[] attributes)
    {
        xml.WriteStartElement(name);
        foreach (var (attribute, text) in attributes)
        {
            xml.WriteAttributeString(attribute, text);
        }

        xml.WriteString(value.ToString(CultureInfo.InvariantCulture));
        xml.WriteEndElement();
    }

    private static void Empty(XmlWriter xml, string name, params (string Name, string Value)[] attributes)
    {
        xml.WriteStartElement(name);
        foreach (var (attribute, value) in attributes)
        {
            xml.WriteAttributeString(attribute, value);
        }

        xml.WriteEndElement();
    }

    private static void Optional(XmlWriter xml, string name, string? value)
    {
        if (value is not null)
        {
            xml.WriteElementString(name, value);
        }
    }
}
