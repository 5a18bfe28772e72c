using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Workflow;

/// <summary>
/// A workflow step that meets a busy database is retried by the bus, not failed and not left for the sweeper (its lease is
/// a minute; the machine here runs within seconds). A factory of its own: no other work may take the injected error.
/// </summary>
public sealed class WorkflowDatabaseErrorTests(DatabaseFaultFactory factory) : IClassFixture<DatabaseFaultFactory>
{
    [Theory]
    [InlineData(DatabaseFault.Kind.Unavailable)]
    [InlineData(DatabaseFault.Kind.Contention)]
    public async Task A_step_that_meets_a_busy_database_is_retried_and_the_machine_still_runs(DatabaseFault.Kind kind)
    {
        using var client = factory.CreateAdminClient();
        factory.Fault.Arm(DatabaseFault.UpdateOperation(), kind, times: 2); // the provider call's step saving its outcome, twice

        var (id, operation) = await client.CreateAsync(InstanceCalls.Request(UniqueName("step-busy")));
        await client.WaitForStateAsync(id, "running");

        Assert.Equal(2, factory.Fault.Fired);
        var done = await client.WaitForOperationAsync((string)operation["id"]!, "succeeded");
        Assert.Null(done["error"]);
    }
}
