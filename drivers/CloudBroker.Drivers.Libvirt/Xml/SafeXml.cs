using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace CloudBroker.Drivers.Libvirt.Xml;

/// <summary>The one way XML is written (an XmlWriter that escapes, and refuses what XML cannot carry,
/// lone surrogates included, which UTF-8 marshalling would silently replace) and read (no DTDs).</summary>
internal static class SafeXml
{
    private static readonly XmlWriterSettings WriterSettings = new()
    {
        OmitXmlDeclaration = true,
        Indent = true,
        CheckCharacters = true,
        NewLineHandling = NewLineHandling.Entitize,
    };

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
    };

    /// <summary>Runs <paramref name="write"/> into a string; text XML cannot carry (control characters, lone surrogates) is refused.</summary>
    public static string Write(Action<XmlWriter> write)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        try
        {
            using (var writer = XmlWriter.Create(text, WriterSettings))
            {
                write(writer);
            }

        }
        catch (ArgumentException ex)
        {
            throw new DriverException(DriverErrorKind.InvalidRequest, $"the request holds text XML cannot carry: {ex.Message}", inner: ex);
        }

        return text.ToString();
    }

    public static XElement Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), ReaderSettings);
        return XElement.Load(reader);
    }

    /// <summary>The first child with this local name (libvirt hands metadata back with its namespace stripped).</summary>
    public static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);
}
