using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Api.Tests.Quotas;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Placement;

/// <summary>
/// Concurrent orders decide on the same snapshot, so they all choose the KVM realm; its claim at the save takes exactly
/// what fits and the others are accepted again on the next place (EC2), never overcommitting, on SQLite and PostgreSQL.
/// </summary>
public sealed class PlacementRaceTests(BurstingFactory factory) : IClassFixture<BurstingFactory>
{
    [Fact]
    public async Task Concurrent_orders_take_exactly_the_kvm_room_and_the_rest_is_accepted_on_the_next_place()
    {
        using var setup = await PlacementSetup.StartAsync(factory, "race", kvmCpu: 3);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => setup.Member.TryCreateAsync(setup.Order())));

        Assert.All(results, r => Assert.True(r.Status == HttpStatusCode.Accepted, $"{(int)r.Status}: {r.Body}"));
        var providers = new List<string>();
        foreach (var (_, _, id) in results)
        {
            using var response = await setup.Member.GetAsync("/api/instances/" + id, Ct);
            providers.Add((string)(await ExpectJsonAsync(response, HttpStatusCode.OK))["providerId"]!);
        }

        Assert.Equal(3, providers.Count(p => p == "libvirt"));
        Assert.Equal(9, providers.Count(p => p == "aws"));
        var (pool, _) = await setup.Admin.GetPoolAsync(setup.KvmPool);
        Assert.Equal(3, (long)pool.Realm("local")["allocated"]!["cpu"]!);
    }
}
