using System.Text;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>How the driver names what it makes, and how it turns libvirt names into broker ids.</summary>
internal static class LibvirtNames
{
    /// <summary>Prefix of every domain and volume the broker makes; such volumes are never offered as images.</summary>
    public const string InstancePrefix = "cb-";

    /// <summary><c>cb-&lt;uuid&gt;</c>: the name of an instance's domain.</summary>
    public static string ForInstance(Guid instanceId) => InstancePrefix + instanceId.ToString("D");

    /// <summary>
    /// <c>cb-&lt;uuid&gt;.&lt;provider id&gt;.&lt;installation id&gt;</c>: the name of an instance's disk volume. A volume has no
    /// metadata, so its name says whose it is: a disk left without a domain is still told apart from another
    /// provider's or another installation's.
    /// </summary>
    public static string ForVolume(Guid instanceId, string providerId, string installationId) =>
        $"{ForInstance(instanceId)}.{providerId}.{installationId}";

    /// <summary>The instance, provider and installation an instance volume's name carries (the last two null for a bare <c>cb-&lt;uuid&gt;</c>).</summary>
    public static bool TryParseVolume(string volumeName, out Guid instanceId, out string? providerId, out string? installationId)
    {
        providerId = installationId = null;
        var parts = IsInstanceVolume(volumeName) ? volumeName[InstancePrefix.Length..].Split('.', 3) : [];
        if (parts.Length == 0 || !TryParseInstanceId(parts[0], out instanceId))
        {
            instanceId = Guid.Empty;
            return false;
        }

        if (parts.Length == 3)
        {
            (providerId, installationId) = (parts[1], parts[2]);
        }

        return true;
    }

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
