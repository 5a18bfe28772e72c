using CloudBroker.Drivers;
using CloudBroker.Persistence;
using CloudBroker.Placement.Decisions;
using CloudBroker.Placement.Pools;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Quotas;
using CloudBroker.Quotas.Pricing;
using Microsoft.Extensions.Options;

namespace CloudBroker.Placement.Placing;

/// <summary>
/// Placement for <see cref="InstanceRequests"/> (<see cref="IPlacement"/>) and the preview: reads the order
/// (<see cref="OrderReader"/>), decides over this process's snapshot (<see cref="PlacementEngine"/>) and turns the decision
/// into the places to try, or 409 no-valid-placement listing the candidates the caller may use and what refused each.
/// </summary>
public sealed class Placer(
    PlacementSnapshots snapshots, IEnumerable<IHourlyPrices> prices, IOptions<PlacementOptions> options, IOptions<QuotaOptions> quotas, TimeProvider time) : IPlacement
{
    /// <summary>The candidates a stored decision and a no-valid-placement problem keep (the preview lists them all).</summary>
    public const int Listed = 100;

    private readonly PlacementEngine _engine = PlacementEngine.From(options.Value);

    public async Task<IReadOnlyList<PlacementChoice>> PlaceAsync(BrokerDbContext db, PlacementAsk ask, CancellationToken cancellationToken)
    {
        var (order, decision, now) = await DecideAsync(db, ask, explain: false, cancellationToken);
        if (decision.PassingCount == 0)
        {
            throw NoValidPlacement(decision, order, now);
        }

        var explanation = Explanations.Of(decision, order, now, Listed);
        return [.. decision.ByPlace().Take(Math.Max(1, options.Value.ProviderAttempts)).Select(rows => Choice(rows, explanation, order))];
    }

    /// <summary>Every candidate the caller may use with every filter's verdict and the score parts; claims nothing.</summary>
    public async Task<PlacementExplanation> PreviewAsync(BrokerDbContext db, PlacementAsk ask, CancellationToken cancellationToken)
    {
        var (order, decision, now) = await DecideAsync(db, ask, explain: true, cancellationToken);
        return Explanations.Of(decision, order, now, int.MaxValue);
    }

    private async Task<(PlacementOrder, PlacementDecision, DateTime)> DecideAsync(BrokerDbContext db, PlacementAsk ask, bool explain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ask);
        var now = time.GetUtcNow().UtcDateTime;
        var snapshot = await snapshots.CurrentAsync(db, cancellationToken);
        var order = await OrderReader.ReadAsync(db, ask, prices.FirstOrDefault(), quotas.Value.Enabled, now, cancellationToken);
        return (order, _engine.Decide(order, snapshot, explain), now);
    }

    /// <summary>
    /// One place to try: the realm the driver is told (a provider that takes a realm choice; else the claim's rows are
    /// its realms in score order, and the driver picks), the rows, and the decision with this choice as the chosen one.
    /// </summary>
    private static PlacementChoice Choice(IReadOnlyList<PlacementCandidate> rows, PlacementExplanation explanation, PlacementOrder order)
    {
        var best = rows[0];
        var match = best.Match!;
        var realm = best.Provider!.Capabilities.Contains(Capability.RealmChoice) && best.RealmId != PoolAdmission.AnyRealm ? best.RealmId : null;
        var chosen = explanation with
        {
            Chosen = new PlacedAt(best.Pool.Id, best.Pool.ProviderId, best.RealmId, best.Image!.Id, match.Profile.Id, match.Cpu, match.MemoryMiB, match.StorageGiB),
        };
        return new PlacementChoice(best.Pool.ProviderId, best.Image.Id, match.Profile.Id, match.Cpu, match.MemoryMiB, match.StorageGiB, realm,
            [.. rows.Select(r => (r.Pool.Id, r.RealmId))], order.AntiAffinity?.Group, Explanations.Serialize(chosen));
    }

    private static ProblemException NoValidPlacement(PlacementDecision decision, PlacementOrder order, DateTime now)
    {
        var explained = Explanations.Of(decision, order, now, Listed);
        var detail = decision.Candidates.Count == 0
            ? "no pool is open to your tenant or to the group the machine is charged to"
            : $"none of the {decision.Candidates.Count} places you may use passes every filter (policy {order.Policy.Wire()})";
        return new ProblemException(ProblemTypes.NoValidPlacement, detail, extensions: new Dictionary<string, object?>
        {
            ["policy"] = explained.Policy,
            ["candidates"] = explained.Candidates,
            ["candidateCount"] = explained.CandidateCount,
        });
    }
}
