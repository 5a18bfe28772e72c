using System.Text.RegularExpressions;

namespace CloudBroker.Drivers.Azure;

/// <summary>
/// A VM's name is made from the broker's instance id, so a repeated PUT of one instance names the same VM: the name is
/// the idempotency (ARM PUT is create-or-update). The VM name is also the driver's instance id.
/// </summary>
internal static partial class VmNames
{
    public const string Prefix = "cb-";

    public static string ForInstance(string instanceId) =>
        Guid.TryParse(instanceId, out var id)
            ? Prefix + id.ToString("D")
            : throw new DriverException(DriverErrorKind.InvalidRequest, $"the instance id '{instanceId}' is not a UUID");

    /// <summary>Whether <paramref name="id"/> can name a VM at all (anything else cannot exist, and must not reach a URL).</summary>
    public static bool IsVmName(string id) => VmName().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex VmName();
}
