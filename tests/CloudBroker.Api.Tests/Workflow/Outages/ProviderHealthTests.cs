using System.Net;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Drivers;
using CloudBroker.Persistence;
using CloudBroker.Provisioning.Health;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Reconciliations;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Workflow.Outages;

/// <summary>
/// A provider that stops answering is seen so by everyone within seconds (here: three probes half a second apart), the
/// reason kept for admins; readiness reports it without failing; and it is available again once it answers.
/// </summary>
public sealed class ProviderHealthTests(OutageFactory factory) : IClassFixture<OutageFactory>
{
    [Fact]
    public async Task A_provider_that_stops_answering_becomes_unavailable_truthfully_everywhere_and_comes_back()
    {
        using var admin = factory.CreateAdminClient();
        using var anonymous = factory.CreateClient();
        await factory.WaitForStatusAsync("available", TimeSpan.FromSeconds(5));

        await factory.CutOffAsync(TimeSpan.FromMinutes(5));
        var noticed = await factory.WaitForStatusAsync("unavailable", TimeSpan.FromSeconds(10));
        Assert.True(noticed < TimeSpan.FromSeconds(10));

        using (var root = await anonymous.GetAsync("/api", Ct))
        {
            var body = await root.Content.ReadAsStringAsync(Ct);
            Assert.Contains("\"statusCategory\":\"unreachable\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain("cut off", body, StringComparison.Ordinal); // the provider's own words are for admins
        }

        using (var readiness = await anonymous.GetAsync("/readyz", Ct))
        {
            var ready = await ExpectJsonAsync(readiness, HttpStatusCode.OK);
            Assert.Equal("ok", (string?)ready["status"]);
            Assert.Equal("unavailable: unreachable", (string?)ready["checks"]!["provider:" + OutageFactory.ProviderId]);
        }

        using (var response = await admin.GetAsync("/api/providers/" + OutageFactory.ProviderId, Ct))
        {
            var provider = await ExpectJsonAsync(response, HttpStatusCode.OK);
            Assert.Equal(("unavailable", "unreachable"), ((string?)provider["status"], (string?)provider["statusCategory"]));
            Assert.Contains("did not answer", (string?)provider["statusReason"], StringComparison.Ordinal);
            Assert.Contains("cannot be reached", (string?)provider["statusReason"], StringComparison.Ordinal);
        }

        using (var test = await admin.PostAsync($"/api/providers/{OutageFactory.ProviderId}/test", null, Ct))
        {
            var problem = await ExpectProblemAsync(test, HttpStatusCode.ServiceUnavailable, "provider-unavailable");
            Assert.Contains("cannot be reached", (string?)problem["detail"], StringComparison.Ordinal);
        }

        using (var create = await admin.PostAsync(InstanceCalls.Request(UniqueName("refused"), OutageFactory.ProviderId)))
        {
            var problem = await ExpectProblemAsync(create, HttpStatusCode.ServiceUnavailable, "provider-unavailable");
            Assert.Equal("unreachable", (string?)problem["statusCategory"]);
        }

        await factory.RestoreAsync();
        await factory.WaitForStatusAsync("available", TimeSpan.FromSeconds(10));
        using (var test = await admin.PostAsync($"/api/providers/{OutageFactory.ProviderId}/test", null, Ct))
        {
            Assert.True((bool)(await ExpectJsonAsync(test, HttpStatusCode.OK))["ok"]!);
        }

        await admin.CreateRunningAsync(InstanceCalls.Request(UniqueName("back"), OutageFactory.ProviderId));
    }

    [Fact]
    public async Task A_circuit_another_process_opened_holds_here_too_until_a_trial_call_answers()
    {
        await factory.WaitForStatusAsync("available", TimeSpan.FromSeconds(5));

        // What another process's monitor writes when its calls stopped getting answers; this process's calls all answer.
        // This process's monitor may write the row at the same moment (its version moves on): write it again, as a monitor would.
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
            var now = DateTime.UtcNow;
            var circuit = await db.Set<ProviderCircuit>().FirstOrDefaultAsync(c => c.ProviderId == OutageFactory.ProviderId, Ct);
            if (circuit is null)
            {
                circuit = new ProviderCircuit { ProviderId = OutageFactory.ProviderId };
                db.Add(circuit);
            }

            circuit.State = CircuitState.Open;
            circuit.Failures = 3;
            circuit.FailingSince = now;
            circuit.OpenedAt = now.AddSeconds(2); // open for 3 s from now (OpenFor is 1 s)
            circuit.Reason = "ListInstances: Unavailable: seen by another process";
            circuit.UpdatedAt = now;
            circuit.Version++;
            try
            {
                await db.SaveChangesAsync(Ct);
                break;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Lost the race with this process's monitor (or its first insert of the row): read it again.
            }
        }

        await factory.WaitForStatusAsync("unavailable", TimeSpan.FromSeconds(3));
        var refused = await Assert.ThrowsAsync<DriverException>(() => factory.Driver(OutageFactory.ProviderId).ListInstancesAsync(Ct));
        Assert.Contains("circuit is open", refused.Message, StringComparison.Ordinal);

        // Half-open after its time: this process's trial answers and closes it, for every process.
        await factory.WaitForStatusAsync("available", TimeSpan.FromSeconds(10));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<BrokerDbContext>().Set<ProviderCircuit>().AsNoTracking()
                .SingleAsync(c => c.ProviderId == OutageFactory.ProviderId, Ct);
            Assert.Equal((CircuitState.Closed, 0), (stored.State, stored.Failures));
        }
    }
}
