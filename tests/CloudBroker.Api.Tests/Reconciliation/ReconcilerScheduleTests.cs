using System.Diagnostics;
using System.Net;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Reconciliations;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Reconciliation;

/// <summary>Scheduled reconciliation: every available provider, every <c>CloudBroker:Reconciler:Interval</c>.</summary>
public sealed class ReconcilerScheduleTests(ScheduledReconcilerFactory factory) : IClassFixture<ScheduledReconcilerFactory>
{
    [Fact]
    public async Task Runs_happen_on_the_schedule_without_being_asked()
    {
        using var client = factory.CreateAdminClient();
        var (orphan, _) = await MakeMachineAsync(factory.Driver("mock"), (factory.InstallationId(), "mock"), UniqueName("scheduled"));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync("/api/providers/mock/reconciliations", Ct);
            var items = (await ExpectJsonAsync(response, HttpStatusCode.OK))["items"]!.AsArray().Select(r => r!.AsObject()).ToArray();
            var found = items.FirstOrDefault(r => (string?)r["status"] == "succeeded" && Machines(r).Any(m => (string?)m["providerMachineId"] == orphan.Id));
            if (found is not null)
            {
                AssertRun(found, "mock");
                Assert.Equal("schedule", (string?)found["trigger"]);
                Assert.Equal("reported", (string?)MachineEntry(found, orphan.Id)["action"]);
                return;
            }

            Assert.True(clock.Elapsed < InstanceCalls.Timeout, "no scheduled run reported the orphan");
            await Task.Delay(50, Ct);
        }
    }
}
