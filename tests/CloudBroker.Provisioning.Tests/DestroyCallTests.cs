using CloudBroker.Drivers;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Operations;
using CloudBroker.Provisioning.Workflow;

namespace CloudBroker.Provisioning.Tests;

/// <summary>
/// A destroy of an instance whose create never answered (no machine id) still reaches the provider: it removes what
/// carries this installation's and this instance's tags (a machine, or a disk left without one), nothing else.
/// </summary>
public sealed class DestroyCallTests
{
    [Fact]
    public async Task A_destroy_without_a_machine_id_removes_what_the_instance_tags_name_and_nothing_else()
    {
        var (driver, inner, _, _) = GatedDriverTests.Open([]);
        inner.Listed =
        [
            Machine("ours", "instance-1", "installation-1", "p"),
            Machine("same-instance-other-installation", "instance-1", "installation-2", "p"),
            Machine("same-instance-other-provider", "instance-1", "installation-1", "q"),
            Machine("another-instance", "instance-2", "installation-1", "p"),
        ];
        var instance = new Instance
        {
            Id = "instance-1", Name = "x", ProviderId = "p", ImageId = "i", HardwareProfileId = "h", TenantId = "t", OwnerId = "o", GroupId = "g",
        };
        var operation = new Operation { Id = "op-1", Kind = OperationKind.Destroy, TargetId = "instance-1", TenantId = "t", OwnerId = "o", GroupId = "g" };

        await DriverCalls.InvokeAsync(driver, operation, instance, null, "installation-1", TestContext.Current.CancellationToken);

        Assert.Equal(["ours"], inner.Destroyed);
    }

    private static DriverInstance Machine(string id, string instanceId, string installationId, string providerId) =>
        new(id, id, null, null, null, DriverInstanceState.Error, "disk without a domain", [], new Dictionary<string, string>
        {
            [BrokerTags.InstanceId] = instanceId, [BrokerTags.InstallationId] = installationId, [BrokerTags.ProviderId] = providerId,
        });
}
