using System.Globalization;
using System.Xml.Linq;

namespace CloudBroker.Testing.Ec2;

/// <summary>The XML shapes of EC2 answers (namespace 2016-11-15), built as trees, never as strings.</summary>
internal static class Ec2Xml
{
    public static readonly XNamespace Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    /// <summary><c>&lt;{Action}Response&gt;&lt;requestId/&gt;…&lt;/…&gt;</c>.</summary>
    public static XElement Response(string action, string requestId, IEnumerable<XElement> content) =>
        new(Ns + (action + "Response"), new XElement(Ns + "requestId", requestId), content);

    public static XElement Element(string name, object? value) => new(Ns + name, value);

    /// <summary>A list: <c>&lt;{name}&gt;&lt;item&gt;…&lt;/item&gt;…&lt;/{name}&gt;</c>.</summary>
    public static XElement Set(string name, IEnumerable<IEnumerable<XElement>> items) =>
        new(Ns + name, items.Select(item => new XElement(Ns + "item", item)));

    public static XElement Tags(IReadOnlyDictionary<string, string> tags) =>
        Set("tagSet", tags.Select(t => new[] { Element("key", t.Key), Element("value", t.Value) }));

    public static XElement State(string name, InstanceState state) =>
        new(Ns + name, Element("code", state.Code), Element("name", state.Name));

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>EC2's error envelope (no namespace), which the SDK turns into <c>AmazonEC2Exception.ErrorCode</c>.</summary>
    public static XElement Error(string code, string message, string requestId) =>
        new("Response",
            new XElement("Errors", new XElement("Error", new XElement("Code", code), new XElement("Message", message))),
            new XElement("RequestID", requestId));
}
