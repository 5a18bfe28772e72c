using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Drivers;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Reconciliations;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Placement;

/// <summary>
/// Machines the broker finds rather than places take room all the same: one adopted by the reconciler, and one whose
/// instance comes back from error, are counted on their realm's row even past what it may allocate (the row is then full
/// for every create), and give it back exactly when they go. Runs on SQLite and, with <c>CB_TEST_DATABASE=postgres</c>,
/// on PostgreSQL.
/// </summary>
public sealed class ObservedClaimTests(ObservedClaimFactory factory) : IClassFixture<ObservedClaimFactory>
{
    [Fact]
    public async Task An_adopted_machine_is_counted_on_its_realm_even_past_what_it_may_allocate()
    {
        using var admin = factory.CreateAdminClient();
        await admin.WaitForProviderCapacityAsync("observed", "eu-1a");
        var placed = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            placed.Add((string)(await admin.CreateRunningAsync(InstanceCalls.Request(UniqueName("placed"), "observed").Also("realmId", "eu-1a")))["id"]!);
        }

        var full = await AllocatedCpuAsync(admin, "observed");
        Assert.Equal(2, full.Cpu);

        // A machine of this installation the database does not know, running in eu-1a (the mock's default realm).
        var (machine, taggedId) = await MakeMachineAsync(factory.Driver("observed"), (factory.InstallationId(), "observed"), UniqueName("found"));
        await WaitForMachineAsync(factory.Driver("observed"), machine.Id, DriverInstanceState.Running); // a booting machine is adopted later
        var run = await admin.ReconcileAsync("observed");
        Assert.Equal("adopted", (string?)MachineEntry(run, machine.Id)["action"]);

        var over = await AllocatedCpuAsync(admin, "observed");
        Assert.Equal(3, over.Cpu); // 2 placed + 1 adopted, past the 2 it may allocate
        Assert.Equal(2, over.Allocatable);
        Assert.True(over.Generation > full.Generation);
        using (var refused = await admin.PostAsync(InstanceCalls.Request(UniqueName("more"), "observed").Also("realmId", "eu-1a")))
        {
            var problem = await ExpectProblemAsync(refused, HttpStatusCode.Conflict, "capacity-exhausted");
            Assert.Equal(3, (long)problem["allocated"]!);
            Assert.Equal(2, (long)problem["capacity"]!);
        }

        // Destroying the adopted machine gives back exactly its share; the row is full again, not over.
        await admin.ActAsync(taggedId, "destroy");
        await admin.WaitForStateAsync(taggedId, "terminated");
        Assert.Equal(2, (await AllocatedCpuAsync(admin, "observed")).Cpu);
        await admin.ActAsync(placed[0], "destroy");
        await admin.WaitForStateAsync(placed[0], "terminated");
        Assert.Equal(1, (await AllocatedCpuAsync(admin, "observed")).Cpu);
        await admin.CreateAsync(InstanceCalls.Request(UniqueName("room"), "observed").Also("realmId", "eu-1a"));
    }

    [Fact]
    public async Task An_instance_back_from_error_is_counted_again_where_its_machine_runs()
    {
        using var admin = factory.CreateAdminClient();
        await admin.WaitForProviderCapacityAsync("erring", "eu-1a");
        var id = (string)(await admin.CreateRunningAsync(InstanceCalls.Request(UniqueName("back"), "erring").Also("realmId", "eu-1a")))["id"]!;
        Assert.Equal(1, (await AllocatedCpuAsync(admin, "erring")).Cpu);

        // The stop fails at the provider: the instance goes to error and gives its share back, while its machine runs on.
        await admin.ActAsync(id, "stop");
        await admin.WaitForStateAsync(id, "error");
        Assert.Equal(0, (await AllocatedCpuAsync(admin, "erring")).Cpu);
        for (var i = 0; i < 2; i++)
        {
            await admin.CreateRunningAsync(InstanceCalls.Request(UniqueName("filler"), "erring").Also("realmId", "eu-1a"));
        }

        // The reconciler finds the machine running: the instance is running again, and counted again, past the limit.
        var run = await admin.ReconcileAsync("erring");
        Assert.Equal("corrected", (string?)MachineEntry(run, (await MachineOfAsync(factory.Driver("erring"), id)).Id)["action"]);
        await admin.WaitForStateAsync(id, "running");
        var over = await AllocatedCpuAsync(admin, "erring");
        Assert.Equal(3, over.Cpu);
        Assert.Equal(2, over.Allocatable);
        using (var refused = await admin.PostAsync(InstanceCalls.Request(UniqueName("more"), "erring").Also("realmId", "eu-1a")))
        {
            await ExpectProblemAsync(refused, HttpStatusCode.Conflict, "capacity-exhausted");
        }

        // A second run changes nothing (it is not counted twice), and destroying it gives back exactly its share.
        await admin.ReconcileAsync("erring");
        Assert.Equal(3, (await AllocatedCpuAsync(admin, "erring")).Cpu);
        await admin.ActAsync(id, "destroy");
        await admin.WaitForStateAsync(id, "terminated");
        Assert.Equal(2, (await AllocatedCpuAsync(admin, "erring")).Cpu);
    }

    /// <summary>The default pool's eu-1a row: vCPUs allocated, what it may allocate, its generation.</summary>
    private static async Task<(long Cpu, long Allocatable, long Generation)> AllocatedCpuAsync(HttpClient admin, string provider)
    {
        var (pool, _) = await admin.GetPoolAsync(provider);
        var row = pool.Realm("eu-1a");
        return ((long)row["allocated"]!["cpu"]!, (long)row["allocatable"]!["cpu"]!, (long)row["generation"]!);
    }
}
