using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudBroker.Integration.Tests.Quotas;

namespace CloudBroker.Integration.Tests.Placement;

/// <summary>
/// The property test of capacity claims (issue 21, item 6), against real broker processes: each round adds random pools
/// (and disables an older one now and then), then fires random creates and destroys at once, spread over every API
/// process, waits until every instance settled and checks <see cref="ClaimInvariants"/> on the database. A fifth of the
/// creates go to a provider whose creates all fail, so claims are also given back by the move to error.
/// </summary>
internal sealed class ClaimRace(IReadOnlyList<HttpClient> apis, Func<DbConnection> openDatabase, ClaimPlan plan, ScenarioLog log)
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(90);

    private readonly Dictionary<string, PoolSpec> _pools = [];
    private readonly HashSet<string> _enabled = [];
    private readonly Dictionary<string, Acceptance> _accepted = [];

    /// <summary>What the rounds did, for the report and to prove the workload reached every path.</summary>
    public (int Accepted, int RefusedForCapacity, int Destroyed, int Failed, int MaxClaims) Totals { get; private set; }

    public async Task RunAsync(int rounds, int ordersPerRound, CancellationToken cancellationToken)
    {
        foreach (var provider in new[] { ClaimPlan.Healthy, ClaimPlan.Failing })
        {
            await DisableDefaultPoolAsync(provider, cancellationToken);
        }

        for (var round = 1; round <= rounds; round++)
        {
            await RoundAsync(round, ordersPerRound, cancellationToken);
        }
    }

    private async Task RoundAsync(int round, int orders, CancellationToken cancellationToken)
    {
        var admin = apis[0];
        foreach (var provider in new[] { ClaimPlan.Healthy, ClaimPlan.Healthy, ClaimPlan.Failing })
        {
            var pool = plan.Pool($"p{round}-{_pools.Count + 1}", provider);
            await admin.SendAsync(HttpMethod.Post, "/api/pools", pool.Body(enabled: true), HttpStatusCode.Created, cancellationToken);
            _pools[pool.Id] = pool;
            _enabled.Add(pool.Id);
        }

        if (round > 1 && plan.Chance(0.5) && plan.Some(_enabled.Where(id => !id.StartsWith($"p{round}-", StringComparison.Ordinal)), 0.3).FirstOrDefault() is { } old)
        {
            await SetEnabledAsync(_pools[old], false, cancellationToken);
        }

        var before = await InventorySnapshot.ReadAsync(openDatabase, cancellationToken);
        var doomed = plan.Some(before.Instances.Where(i => i.State is "Running" or "Error"), 0.4);
        var creates = Enumerable.Range(0, orders).Select(_ => plan.Order($"r{round}")).ToList();
        var enabled = _enabled.ToHashSet();
        var destroying = doomed.Select((instance, i) => DestroyAsync(apis[i % apis.Count], instance, cancellationToken)).ToList();
        var creating = creates.Select((order, i) => CreateAsync(apis[i % apis.Count], order, cancellationToken)).ToList();
        await Task.WhenAll(destroying);
        var outcomes = await Task.WhenAll(creating);
        foreach (var accepted in outcomes.Where(o => o.Accepted))
        {
            _accepted[accepted.InstanceId!] = new Acceptance(enabled, accepted.Order.RealmId);
        }

        var after = await InventorySnapshot.SettledAsync(openDatabase, SettleTimeout, cancellationToken);
        var failures = ClaimInvariants.Check(before, after, outcomes, _pools, enabled, _accepted);
        var refused = outcomes.Count(o => o.ProblemType == "/problems/capacity-exhausted");
        var states = after.Instances.ToDictionary(i => i.Id, i => i.State);
        var failed = outcomes.Count(o => o.Accepted && states.GetValueOrDefault(o.InstanceId!) == "Error");
        log.Say($"round {round}: {outcomes.Count(o => o.Accepted)} of {orders} creates accepted, {refused} refused for capacity, " +
            $"{outcomes.Count(o => o.ProblemType == "/problems/pool-not-allowed")} with no pool, " +
            $"{outcomes.Count(o => o.ProblemType == ClaimInvariants.DatabaseBusy)} shed (database busy); {doomed.Count} destroyed, {failed} failed to error; " +
            $"{after.Claims.Count} live claims on {after.Rows.Count(r => r.Allocated != default)} rows; {_enabled.Count} pools enabled");
        Totals = (Totals.Accepted + outcomes.Count(o => o.Accepted), Totals.RefusedForCapacity + refused, Totals.Destroyed + doomed.Count,
            Totals.Failed + failed, Math.Max(Totals.MaxClaims, after.Claims.Count));
        Assert.True(failures.Count == 0,
            $"seed {plan.Seed} (replay: CB_CLAIMS_SEED={plan.Seed}), round {round}: {failures.Count} invariant(s) broken:\n" + string.Join("\n", failures.Take(25)));
    }

    private static async Task<CreateOutcome> CreateAsync(HttpClient api, Order order, CancellationToken cancellationToken)
    {
        using var response = await api.PostAsJsonAsync("/api/instances", order.Body(), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var problem = (int)response.StatusCode >= 400 ? (string?)(Answer.TryParse(body) as JsonObject)?["type"] : null;
        var instanceId = response.StatusCode == HttpStatusCode.Accepted ? response.Headers.Location?.OriginalString.Split('/')[^1] : null;
        return new CreateOutcome(order, (int)response.StatusCode, problem, instanceId, Answer.Shorten(body, 400));
    }

    private static async Task DestroyAsync(HttpClient api, InstanceRow instance, CancellationToken cancellationToken)
    {
        using var response = await api.DeleteAsync("/api/instances/" + instance.Id, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"destroy {instance.Name} ({instance.State}): {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>The provider's default pool (open to all, unlimited) made by the inventory refresher at start, disabled: the test's pools only.</summary>
    private async Task DisableDefaultPoolAsync(string provider, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await apis[0].GetAsync("/api/pools/" + provider, cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no default pool of {provider} after 60 s: {(int)response.StatusCode}");
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        var current = await apis[0].SendAsync(HttpMethod.Get, "/api/pools/" + provider, null, HttpStatusCode.OK, cancellationToken);
        await apis[0].SendAsync(HttpMethod.Put, "/api/pools/" + provider, new JsonObject { ["enabled"] = false, ["openToAll"] = true }, HttpStatusCode.OK,
            cancellationToken, (string)current["__etag"]!);
    }

    /// <summary>Replaces the pool with itself but <paramref name="enabled"/>: its ratios, headroom and capacity stay as they were.</summary>
    private async Task SetEnabledAsync(PoolSpec pool, bool enabled, CancellationToken cancellationToken)
    {
        var current = await apis[0].SendAsync(HttpMethod.Get, "/api/pools/" + pool.Id, null, HttpStatusCode.OK, cancellationToken);
        var body = pool.Body(enabled);
        body.Remove("id");
        body.Remove("providerId");
        await apis[0].SendAsync(HttpMethod.Put, "/api/pools/" + pool.Id, body, HttpStatusCode.OK, cancellationToken, (string)current["__etag"]!);
        if (enabled)
        {
            _enabled.Add(pool.Id);
        }
        else
        {
            _enabled.Remove(pool.Id);
        }
    }
}
