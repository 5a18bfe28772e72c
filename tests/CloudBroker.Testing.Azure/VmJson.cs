using System.Globalization;
using System.Text.Json.Nodes;

namespace CloudBroker.Testing.Azure;

/// <summary>
/// A VM as ARM returns it (api-version 2023-07-01): what was sent less the secrets ARM never echoes (custom data,
/// user data, admin password), plus id, vmId, provisioningState and, when expanded, the instance view.
/// </summary>
internal static class VmJson
{
    public static JsonObject Render(FakeVm vm, string resourceGroupId, bool instanceView)
    {
        var sent = vm.Sent;
        var properties = sent["properties"]?.DeepClone() as JsonObject ?? [];
        properties.Remove("userData");
        if (properties["osProfile"] is JsonObject os)
        {
            os.Remove("customData");
            os.Remove("adminPassword");
        }

        properties["vmId"] = vm.VmId;
        properties["provisioningState"] = vm.Provisioning;
        properties["timeCreated"] = Time(vm.TimeCreated);
        if (instanceView)
        {
            properties["instanceView"] = InstanceView(vm);
        }

        var body = new JsonObject
        {
            ["name"] = vm.Name,
            ["id"] = $"{resourceGroupId}/providers/Microsoft.Compute/virtualMachines/{vm.Name}",
            ["type"] = "Microsoft.Compute/virtualMachines",
            ["location"] = sent["location"]?.DeepClone(),
            ["tags"] = sent["tags"]?.DeepClone() ?? new JsonObject(),
        };
        if (sent["zones"] is JsonArray zones)
        {
            body["zones"] = zones.DeepClone();
        }

        body["properties"] = properties;
        return body;
    }

    private static JsonObject InstanceView(FakeVm vm)
    {
        var statuses = new JsonArray(new JsonObject
        {
            ["code"] = $"ProvisioningState/{vm.Provisioning.ToLowerInvariant()}",
            ["level"] = "Info",
            ["displayStatus"] = vm.Provisioning == "Succeeded" ? "Provisioning succeeded" : vm.Provisioning,
            ["time"] = Time(vm.TimeCreated),
        });
        if (vm.Power is { } power)
        {
            statuses.Add(new JsonObject { ["code"] = $"PowerState/{power}", ["level"] = "Info", ["displayStatus"] = $"VM {power}" });
        }

        return new JsonObject
        {
            ["computerName"] = VmRequestCheck.At(vm.Sent, "properties.osProfile.computerName")?.DeepClone(),
            ["statuses"] = statuses,
        };
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'+00:00'", CultureInfo.InvariantCulture);
}
