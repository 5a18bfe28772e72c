using CloudBroker.Drivers;
using CloudBroker.Provisioning.Calls;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Operations;

namespace CloudBroker.Provisioning.Workflow;

/// <summary>The one provider call each kind of operation makes.</summary>
internal static class DriverCalls
{
    /// <summary>Calls the driver; for a create, returns the machine it made.</summary>
    public static async Task<DriverInstance?> InvokeAsync(
        GatedDriver driver, Operation operation, Instance instance, SshPublicKey? key, string installationId, CancellationToken cancellationToken)
    {
        var providerId = instance.ProviderInstanceId;
        switch (operation.Kind)
        {
            case OperationKind.Create:
                var tags = new Dictionary<string, string>
                {
                    [BrokerTags.InstallationId] = installationId,
                    [BrokerTags.ProviderId] = instance.ProviderId,
                    [BrokerTags.InstanceId] = instance.Id,
                };
                return await driver.CreateInstanceAsync(
                    new InstanceSpec(operation.ProviderToken, instance.Id, instance.Name, instance.ImageId, instance.HardwareProfileId,
                        instance.RealmId, instance.Cpu, instance.MemoryMiB, instance.StorageGiB, key, instance.UserData, tags),
                    cancellationToken);
            case OperationKind.Start:
                await driver.StartInstanceAsync(providerId!, cancellationToken);
                return null;
            case OperationKind.Stop:
                await driver.StopInstanceAsync(providerId!, cancellationToken);
                return null;
            case OperationKind.Reboot:
                await driver.RebootInstanceAsync(providerId!, cancellationToken);
                return null;
            default:
                // A create that never answered may still have made a machine, or its disk: found by the instance's tags.
                foreach (var id in providerId is not null ? [providerId] : await InstanceMachines.FindAsync(driver, instance, installationId, cancellationToken))
                {
                    await driver.DestroyInstanceAsync(id, cancellationToken);
                }

                return null;
        }
    }
}
