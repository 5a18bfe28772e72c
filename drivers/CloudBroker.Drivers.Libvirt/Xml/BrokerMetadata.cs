using System.Globalization;
using System.Xml;

namespace CloudBroker.Drivers.Libvirt.Xml;

/// <summary>
/// The broker's elements in a domain's <c>&lt;metadata&gt;</c>. libvirt keeps one element per namespace URI, so the
/// identity (written once, at define) and the stop request (live only, rewritten) have a namespace each.
/// </summary>
internal static class BrokerMetadata
{
    public const string Namespace = "https://cloudbroker.dev/xmlns/libvirt/1";
    public const string Prefix = "cb";

    public const string StopNamespace = "https://cloudbroker.dev/xmlns/libvirt/stop/1";
    public const string StopPrefix = "cbstop";

    public static void WriteIdentity(XmlWriter xml, DomainIdentity identity)
    {
        xml.WriteStartElement(Prefix, "instance", Namespace);
        xml.WriteElementString(Prefix, "installation-id", Namespace, identity.InstallationId);
        Optional(xml, "provider-id", identity.ProviderId);
        xml.WriteElementString(Prefix, "instance-id", Namespace, identity.InstanceId);
        Optional(xml, "image-id", identity.ImageId);
        Optional(xml, "hardware-profile-id", identity.HardwareProfileId);
        foreach (var (key, value) in identity.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            xml.WriteStartElement(Prefix, "tag", Namespace);
            xml.WriteAttributeString("key", key);
            xml.WriteString(value);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>The identity in the element libvirt returns for <see cref="Namespace"/>, or <c>null</c> when it is not ours.</summary>
    public static DomainIdentity? ParseIdentity(string? element)
    {
        if (element is null)
        {
            return null;
        }

        try
        {
            var root = SafeXml.Parse(element);
            var installation = SafeXml.Child(root, "installation-id")?.Value;
            var instance = SafeXml.Child(root, "instance-id")?.Value;
            if (root.Name.LocalName != "instance" || installation is null || instance is null)
            {
                return null;
            }

            var tags = root.Elements().Where(e => e.Name.LocalName == "tag" && e.Attribute("key") is not null)
                .GroupBy(e => e.Attribute("key")!.Value)
                .ToDictionary(g => g.Key, g => g.First().Value);
            return new DomainIdentity(
                installation, SafeXml.Child(root, "provider-id")?.Value, instance, SafeXml.Child(root, "image-id")?.Value, SafeXml.Child(root, "hardware-profile-id")?.Value, tags);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>The shutdown-request element (set with the <see cref="StopPrefix"/> and <see cref="StopNamespace"/>).</summary>
    public static string WriteShutdownRequest(ShutdownRequest request) => SafeXml.Write(xml =>
    {
        xml.WriteStartElement("stop");
        xml.WriteAttributeString("requested-at", request.RequestedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        if (request.RebootOfRun is { } run)
        {
            xml.WriteAttributeString("reboot-of-run", run.ToString(CultureInfo.InvariantCulture));
        }

        xml.WriteEndElement();
    });

    public static ShutdownRequest? ParseShutdownRequest(string? element)
    {
        if (element is null)
        {
            return null;
        }

        try
        {
            var root = SafeXml.Parse(element);
            if (!DateTimeOffset.TryParse(root.Attribute("requested-at")?.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return null;
            }

            uint? run = uint.TryParse(root.Attribute("reboot-of-run")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
            return new ShutdownRequest(at, run);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static void Optional(XmlWriter xml, string name, string? value)
    {
        if (value is not null)
        {
            xml.WriteElementString(Prefix, name, Namespace, value);
        }
    }
}
