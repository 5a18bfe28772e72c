using System.Globalization;
using System.Xml;

namespace CloudBroker.Drivers.Libvirt.Xml;

/// <summary>Volume XML: the description of an instance's disk, and the format read back from an image's volume.</summary>
internal static class VolumeXml
{
    /// <summary>Formats qemu reads that the disk's driver may name; anything else (iso, none) is read as raw.</summary>
    private static readonly string[] DiskFormats = ["raw", "qcow2", "qed", "vmdk", "vdi", "vpc", "vhdx"];

    public static string Write(string name, ulong capacityBytes, string format) => SafeXml.Write(xml =>
    {
        xml.WriteStartElement("volume");
        xml.WriteElementString("name", name);
        xml.WriteStartElement("capacity");
        xml.WriteAttributeString("unit", "bytes");
        xml.WriteString(capacityBytes.ToString(CultureInfo.InvariantCulture));
        xml.WriteEndElement();
        if (format == "qcow2")
        {
            // qcow2 grows on demand anyway; for other formats a smaller allocation would ask some pools
            // (LVM) for a thin snapshot volume, so it is left at the full size.
            xml.WriteElementString("allocation", "0");
        }

        xml.WriteStartElement("target");
        xml.WriteStartElement("format");
        xml.WriteAttributeString("type", format);
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    });

    /// <summary>The format a disk on a volume with this XML must declare.</summary>
    public static string DiskFormatOf(string volumeXml)
    {
        try
        {
            var target = SafeXml.Child(SafeXml.Parse(volumeXml), "target");
            var format = target is null ? null : SafeXml.Child(target, "format")?.Attribute("type")?.Value;
            return format is not null && DiskFormats.Contains(format) ? format : "raw";
        }
        catch (XmlException)
        {
            return "raw";
        }
    }
}
