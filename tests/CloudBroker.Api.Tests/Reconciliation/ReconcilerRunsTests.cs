using System.Net;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Persistence;
using CloudBroker.Provisioning.Reconciliation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Reconciliations;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Reconciliation;

/// <summary>Reconciliation runs: recorded and listed, one per provider at a time (a database lease), admin only.</summary>
public sealed class ReconcilerRunsTests(ReconcilerFactory factory) : IClassFixture<ReconcilerFactory>
{
    [Fact]
    public async Task Runs_are_recorded_and_listed_newest_first_in_keyset_pages()
    {
        using var client = factory.CreateAdminClient();
        var first = await client.ReconcileAsync("lite");
        var second = await client.ReconcileAsync("lite");
        Assert.Equal("manual", (string?)second["trigger"]);
        Assert.Equal("succeeded", (string?)second["status"]);
        Assert.Null(second["error"]);

        using (var response = await client.GetAsync("/api/providers/lite/reconciliations?limit=1", Ct))
        {
            var page = await ExpectJsonAsync(response, HttpStatusCode.OK);
            AssertMembers(page, "items", "next");
            var newest = Assert.Single(page["items"]!.AsArray())!.AsObject();
            AssertRun(newest, "lite");
            Assert.Equal(second.ToJsonString(), newest.ToJsonString());

            using var next = await client.GetAsync("/api/providers/lite/reconciliations?limit=1&cursor=" + (string?)page["next"], Ct);
            var older = Assert.Single((await ExpectJsonAsync(next, HttpStatusCode.OK))["items"]!.AsArray())!;
            Assert.Equal((string?)first["id"], (string?)older["id"]);
        }

        using var one = await client.GetAsync($"/api/providers/lite/reconciliations/{(string?)first["id"]}", Ct);
        Assert.Equal(first.ToJsonString(), (await ExpectJsonAsync(one, HttpStatusCode.OK)).ToJsonString());
    }

    [Fact]
    public async Task A_second_run_while_one_is_in_progress_is_409()
    {
        using var client = factory.CreateAdminClient();
        var running = client.PostAsync("/api/providers/slow/reconcile", null, Ct);

        // The run is visible (status running) once it holds the lease; the provider then takes its time.
        await WaitForRunningAsync(client, "slow");
        using (var second = await client.PostAsync("/api/providers/slow/reconcile", null, Ct))
        {
            var problem = await ExpectProblemAsync(second, HttpStatusCode.Conflict, "conflict");
            Assert.Contains("in progress", (string?)problem["detail"], StringComparison.Ordinal);
        }

        using var done = await running;
        Assert.Equal("succeeded", (string?)(await ExpectJsonAsync(done, HttpStatusCode.OK))["status"]);
        Assert.Equal("succeeded", (string?)(await client.ReconcileAsync("slow"))["status"]);
    }

    [Fact]
    public async Task A_lease_held_by_another_process_is_409_until_it_expires_then_its_run_is_marked_abandoned()
    {
        using var client = factory.CreateAdminClient();
        var abandonedId = Guid.CreateVersion7().ToString();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
            db.Add(new ReconciliationRun
            {
                Id = abandonedId, ProviderId = "flaky", Trigger = ReconciliationTrigger.Schedule, Status = ReconciliationStatus.Running,
                StartedAt = DateTime.UtcNow.AddMinutes(-1),
            });
            db.Add(new ReconcilerLease { ProviderId = "flaky", RunId = abandonedId, LeaseUntil = DateTime.UtcNow.AddMinutes(5) });
            await db.SaveChangesAsync(Ct);
        }

        using (var held = await client.PostAsync("/api/providers/flaky/reconcile", null, Ct))
        {
            await ExpectProblemAsync(held, HttpStatusCode.Conflict, "conflict");
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
            await db.Set<ReconcilerLease>().Where(l => l.ProviderId == "flaky")
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeaseUntil, DateTime.UtcNow.AddSeconds(-1)), Ct);
        }

        var run = await client.ReconcileAsync("flaky");
        Assert.Equal("succeeded", (string?)run["status"]);
        using var response = await client.GetAsync("/api/providers/flaky/reconciliations/" + abandonedId, Ct);
        var abandoned = await ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("failed", (string?)abandoned["status"]);
        Assert.StartsWith("abandoned", (string?)abandoned["error"], StringComparison.Ordinal);
        AssertTimestamp(abandoned["finishedAt"]);
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_run_instead_of_running_again()
    {
        using var client = factory.CreateAdminClient();
        var key = Guid.NewGuid().ToString();
        using var first = await PostWithKeyAsync(client, "lite", key);
        var run = await ExpectJsonAsync(first, HttpStatusCode.OK);
        AssertRun(run, "lite");

        using var replay = await PostWithKeyAsync(client, "lite", key);
        Assert.Equal(run.ToJsonString(), (await ExpectJsonAsync(replay, HttpStatusCode.OK)).ToJsonString());
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(first.Headers.Location, replay.Headers.Location);

        using var list = await client.GetAsync("/api/providers/lite/reconciliations?limit=1", Ct);
        Assert.Equal((string?)run["id"], (string?)(await ExpectJsonAsync(list, HttpStatusCode.OK))["items"]![0]!["id"]);
    }

    [Fact]
    public async Task A_key_without_the_admin_role_is_forbidden()
    {
        using var member = factory.CreateAdminClient(await AddKeyAsync("member"));
        using (var post = await member.PostAsync("/api/providers/mock/reconcile", null, Ct))
        {
            await ExpectProblemAsync(post, HttpStatusCode.Forbidden, "forbidden");
        }

        using (var list = await member.GetAsync("/api/providers/mock/reconciliations", Ct))
        {
            await ExpectProblemAsync(list, HttpStatusCode.Forbidden, "forbidden");
        }

        // The same key still reads what every role may.
        using var providers = await member.GetAsync("/api/providers", Ct);
        Assert.Equal(HttpStatusCode.OK, providers.StatusCode);
    }

    [Fact]
    public async Task Unknown_providers_and_runs_are_404_and_an_unavailable_provider_is_503()
    {
        using var client = factory.CreateAdminClient();
        using (var post = await client.PostAsync("/api/providers/nope/reconcile", null, Ct))
        {
            await ExpectProblemAsync(post, HttpStatusCode.NotFound, "not-found");
        }

        using (var list = await client.GetAsync("/api/providers/nope/reconciliations", Ct))
        {
            await ExpectProblemAsync(list, HttpStatusCode.NotFound, "not-found");
        }

        using (var run = await client.GetAsync("/api/providers/mock/reconciliations/" + Guid.NewGuid(), Ct))
        {
            await ExpectProblemAsync(run, HttpStatusCode.NotFound, "not-found");
        }

        using var broken = await client.PostAsync("/api/providers/broken/reconcile", null, Ct);
        await ExpectProblemAsync(broken, HttpStatusCode.ServiceUnavailable, "provider-unavailable");
    }

    [Fact]
    public async Task An_orphan_policy_that_does_not_exist_fails_the_run_and_says_which_setting()
    {
        using var client = factory.CreateAdminClient();
        var run = await client.ReconcileAsync("odd");
        Assert.Equal("failed", (string?)run["status"]);
        Assert.Contains("CloudBroker:Providers:odd:OrphanPolicy", (string?)run["error"], StringComparison.Ordinal);
        Assert.Empty(Machines(run));
    }

    [Fact]
    public async Task Unknown_query_parameters_are_refused()
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.GetAsync("/api/providers/mock/reconciliations?status=failed", Ct);
        await ExpectParameterErrorAsync(response, "status");
    }

    private static async Task WaitForRunningAsync(HttpClient client, string providerId)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync($"/api/providers/{providerId}/reconciliations", Ct);
            var items = (await ExpectJsonAsync(response, HttpStatusCode.OK))["items"]!.AsArray();
            if (items.Any(r => (string?)r!["status"] == "running"))
            {
                return;
            }

            Assert.True(clock.Elapsed < InstanceCalls.Timeout, "no run of " + providerId + " started");
            await Task.Delay(10, Ct);
        }
    }

    private static async Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, string providerId, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/providers/{providerId}/reconcile");
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request, Ct);
    }

    private Task<string> AddKeyAsync(string role) => factory.AddUserKeyAsync("operator-" + role, role);
}
