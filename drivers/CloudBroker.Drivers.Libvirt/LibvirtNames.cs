using System.Text;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>How the driver names what it makes, and how it turns libvirt names into broker ids.</summary>
internal static class LibvirtNames
{
    /// <summary>Prefix of every domain and volume the broker makes; such volumes are never offered as images.</summary>
    public const string InstancePrefix = "cb-";

    /// <summary><c>cb-&lt;uuid&gt;</c>: the name of an instance's domain and of its disk volume.</summary>
    public static string ForInstance(Guid instanceId) => InstancePrefix + instanceId.ToString("D");

    /// <summary>Instance ids are UUIDs (the domain UUID); anything else names no instance of this driver.</summary>
    public static bool TryParseInstanceId(string? id, out Guid uuid) => Guid.TryParseExact(id, "D", out uuid);

    public static bool IsInstanceVolume(string volumeName) => volumeName.StartsWith(InstancePrefix, StringComparison.Ordinal);

    /// <summary>An RFC 1123 label from any text: lower-case letters and digits, runs of anything else as one '-'.</summary>
    public static string Sanitize(string text)
    {
        var label = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                label.Append(c);
            }
            else if (label.Length > 0 && label[^1] != '-')
            {
                label.Append('-');
            }
        }

        var id = label.ToString(0, Math.Min(label.Length, 63)).Trim('-');
        return id.Length == 0 ? "x" : id;
    }

    public static bool IsLabel(string? text) => text is { Length: > 0 and <= 63 } && Sanitize(text) == text;
}
