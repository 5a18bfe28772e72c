using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Persistence;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Operations;
using CloudBroker.Provisioning.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Workflow.Faults;

/// <summary>The workflow's fault tests on mock providers, and the sweeper (which needs no driver fault).</summary>
public sealed class MockWorkflowFaultTests(MockFaultyProviders factory) : WorkflowFaultTests<MockFaultyProviders>(factory)
{
    [Fact]
    public async Task An_operation_whose_next_step_was_lost_is_re_driven_by_the_sweeper()
    {
        // An accepted create whose ExecuteOperation message died with a process: no outbox row, lease expired.
        var now = DateTime.UtcNow;
        var instanceId = Guid.CreateVersion7().ToString();
        var operationId = Guid.CreateVersion7().ToString();
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
            db.Add(new Instance
            {
                Id = instanceId, Name = UniqueName("lost"), ProviderId = "mock", ImageId = "debian-12", HardwareProfileId = "m1-small",
                Cpu = 1, MemoryMiB = 1024, StorageGiB = 10, State = InstanceState.Pending, TenantId = "system", OwnerId = "admin", GroupId = "system",
                CreatedAt = now, UpdatedAt = now,
            });
            db.Add(new Operation
            {
                Id = operationId, Kind = OperationKind.Create, Status = OperationStatus.Pending, TargetId = instanceId,
                TenantId = "system", OwnerId = "admin", GroupId = "system", CreatedAt = now, UpdatedAt = now, Deadline = now.AddMinutes(5), LeaseUntil = now.AddSeconds(-1),
            });
            await db.SaveChangesAsync(Ct);
        }

        Assert.True(await Factory.Services.GetRequiredService<OperationSweeper>().SweepAsync(Ct) >= 1);

        using var client = Factory.CreateAdminClient();
        await client.WaitForStateAsync(instanceId, "running");
        var operation = await client.WaitForOperationAsync(operationId, "succeeded");
        Assert.Contains(operation["steps"]!.AsArray(), s => (string?)s!["name"] == "swept");
    }
}
