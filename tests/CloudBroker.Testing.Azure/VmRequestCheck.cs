using System.Buffers;
using System.Text.Json.Nodes;

namespace CloudBroker.Testing.Azure;

/// <summary>
/// The checks Microsoft.Compute makes on a VM PUT that a driver can get wrong: image, size, subnet, SSH keys, custom
/// data, zones and tags. Messages follow ARM's wording so a failure reads like the real one.
/// </summary>
internal static class VmRequestCheck
{
    private static readonly SearchValues<char> ForbiddenTagChars = SearchValues.Create("<>%&\\?/");

    public static ArmError? Check(JsonObject body, ArmFakeOptions options)
    {
        if (!string.Equals(Text(body, "location")?.Replace(" ", "", StringComparison.Ordinal), options.Location, StringComparison.OrdinalIgnoreCase))
        {
            return ArmError.Invalid($"The location '{Text(body, "location")}' is not available for this subscription.", "location");
        }

        if (body["properties"] is not JsonObject properties)
        {
            return ArmError.Invalid("Required parameter 'properties' is missing (null).", "properties");
        }

        return Size(properties) ?? Image(properties, options) ?? OsProfile(properties) ?? Network(properties, options)
            ?? Zones(body, options) ?? Tags(body) ?? Base64(Text(properties, "userData"), "userData");
    }

    /// <summary>What an update may not change (ARM: PropertyChangeNotAllowed).</summary>
    public static ArmError? Unchangeable(JsonObject current, JsonObject update)
    {
        foreach (var path in new[] { "properties.osProfile.computerName", "properties.osProfile.adminUsername", "properties.osProfile.customData", "zones" })
        {
            if (!JsonNode.DeepEquals(At(current, path), At(update, path)))
            {
                return new ArmError(409, "PropertyChangeNotAllowed", $"Changing property '{path.Replace("properties.", "", StringComparison.Ordinal)}' is not allowed.");
            }
        }

        return null;
    }

    private static ArmError? Size(JsonObject properties) =>
        string.IsNullOrWhiteSpace(Text(At(properties, "hardwareProfile"), "vmSize"))
            ? ArmError.Invalid("Required parameter 'hardwareProfile.vmSize' is missing (null).", "hardwareProfile.vmSize")
            : null;

    private static ArmError? Image(JsonObject properties, ArmFakeOptions options)
    {
        var image = At(properties, "storageProfile.imageReference");
        var urn = $"{Text(image, "publisher")}:{Text(image, "offer")}:{Text(image, "sku")}";
        if (image is null || string.IsNullOrEmpty(Text(image, "version")))
        {
            return ArmError.Invalid("Required parameter 'imageReference' is missing or has no version.", "imageReference");
        }

        return options.Images.Contains(urn, StringComparer.OrdinalIgnoreCase)
            ? null
            : new ArmError(404, "PlatformImageNotFound",
                $"The platform image '{urn}:{Text(image, "version")}' is not available. Verify that all fields in the storage profile are correct.");
    }

    private static ArmError? OsProfile(JsonObject properties)
    {
        var os = At(properties, "osProfile");
        var computerName = Text(os, "computerName");
        var admin = Text(os, "adminUsername");
        if (string.IsNullOrEmpty(computerName) || computerName.Length > 64)
        {
            return ArmError.Invalid("The computer name must be 1 to 64 characters long.", "computerName");
        }

        if (string.IsNullOrEmpty(admin) || admin is "root" or "admin" or "administrator")
        {
            return ArmError.Invalid("The Admin Username specified is not allowed.", "adminUsername");
        }

        var keys = At(os, "linuxConfiguration.ssh.publicKeys") as JsonArray ?? [];
        if (At(os, "linuxConfiguration.disablePasswordAuthentication")?.GetValue<bool>() == true && keys.Count == 0)
        {
            return ArmError.Invalid("Authentication using either SSH or by user name and password must be enabled in Linux profile.", "linuxConfiguration");
        }

        if (keys.Count == 0 && string.IsNullOrEmpty(Text(os, "adminPassword")))
        {
            return ArmError.Invalid("Required parameter 'adminPassword' is missing (null).", "adminPassword");
        }

        foreach (var key in keys)
        {
            if (Text(key, "path") != $"/home/{admin}/.ssh/authorized_keys" || Text(key, "keyData")?.StartsWith("ssh-", StringComparison.Ordinal) != true)
            {
                return ArmError.Invalid("The value of parameter linuxConfiguration.ssh.publicKeys.path or keyData is invalid.", "linuxConfiguration.ssh.publicKeys");
            }
        }

        return Base64(Text(os, "customData"), "customData");
    }

    private static ArmError? Network(JsonObject properties, ArmFakeOptions options)
    {
        var network = At(properties, "networkProfile");
        if (At(network, "networkInterfaces") is JsonArray { Count: > 0 } nics)
        {
            return new ArmError(400, "InvalidResourceReference", $"Resource {Text(nics[0], "id")} referenced by resource was not found.");
        }

        if (At(network, "networkInterfaceConfigurations") is not JsonArray { Count: > 0 } configurations)
        {
            return ArmError.Invalid("A virtual machine needs at least one network interface.", "networkProfile");
        }

        if (string.IsNullOrEmpty(Text(network, "networkApiVersion")))
        {
            return ArmError.Invalid("networkApiVersion must be specified when networkInterfaceConfigurations is used.", "networkProfile.networkApiVersion");
        }

        foreach (var configuration in configurations)
        {
            var ipConfigurations = At(configuration, "properties.ipConfigurations") as JsonArray ?? [];
            if (string.IsNullOrEmpty(Text(configuration, "name")) || ipConfigurations.Count == 0)
            {
                return ArmError.Invalid("A network interface configuration needs a name and an IP configuration.", "networkInterfaceConfigurations");
            }

            foreach (var ip in ipConfigurations)
            {
                var subnet = Text(At(ip, "properties.subnet"), "id");
                if (string.IsNullOrEmpty(subnet))
                {
                    return ArmError.Invalid("Required parameter 'subnet.id' is missing (null).", "ipConfigurations.subnet");
                }

                if (!string.Equals(subnet, options.EffectiveSubnetId, StringComparison.OrdinalIgnoreCase))
                {
                    return new ArmError(400, "InvalidResourceReference", $"Resource {subnet} referenced by resource was not found.");
                }
            }
        }

        return null;
    }

    private static ArmError? Zones(JsonObject body, ArmFakeOptions options)
    {
        var zones = body["zones"] as JsonArray ?? [];
        return zones.Count > 1 || zones.Any(z => !options.Zones.Contains(z?.GetValue<string>() ?? ""))
            ? ArmError.Invalid($"The zones {zones.ToJsonString()} are not supported in location '{options.Location}'.", "zones")
            : null;
    }

    private static ArmError? Tags(JsonObject body)
    {
        var tags = body["tags"] as JsonObject ?? [];
        if (tags.Count > 50)
        {
            return ArmError.Invalid("A resource may have at most 50 tags.", "tags");
        }

        var bad = tags.FirstOrDefault(t => t.Key.Length > 512 || t.Key.AsSpan().ContainsAny(ForbiddenTagChars) || (t.Value?.ToString().Length ?? 0) > 256);
        return bad.Key is null ? null : new ArmError(400, "InvalidTagNameCharacters", $"The tag name '{bad.Key}' has characters that are not allowed.");
    }

    private static ArmError? Base64(string? value, string target)
    {
        if (value is null)
        {
            return null;
        }

        var buffer = new byte[value.Length];
        return value.Length <= 87380 && Convert.TryFromBase64String(value, buffer, out _)
            ? null
            : ArmError.Invalid($"The value of parameter {target} is invalid: it must be base64 and at most 87380 characters.", target);
    }

    public static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node;
    }

    private static string? Text(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
