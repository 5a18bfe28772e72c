using CloudBroker.Drivers;
using CloudBroker.Provisioning.Calls;
using CloudBroker.Provisioning.Instances;

namespace CloudBroker.Provisioning.Workflow;

/// <summary>
/// The machines a provider holds for an instance: the one it knows of, and any carrying this installation's and this
/// instance's tags (a create whose answer was lost may have made one it never heard of — or only its disk), unless
/// another provider's tag says it is not this provider's.
/// </summary>
internal static class InstanceMachines
{
    public static async Task<List<string>> FindAsync(GatedDriver driver, Instance instance, string installationId, CancellationToken cancellationToken) =>
        [.. (await driver.ListInstancesAsync(cancellationToken))
            .Where(m => m.State != DriverInstanceState.Terminated
                        && (m.Id == instance.ProviderInstanceId
                            || (m.Tags.GetValueOrDefault(BrokerTags.InstanceId) == instance.Id
                                && m.Tags.GetValueOrDefault(BrokerTags.InstallationId) == installationId
                                && (m.Tags.GetValueOrDefault(BrokerTags.ProviderId) ?? instance.ProviderId) == instance.ProviderId)))
            .Select(m => m.Id)
            .Distinct()];
}
