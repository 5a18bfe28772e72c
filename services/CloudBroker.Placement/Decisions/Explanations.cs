using System.Text.Json;
using System.Text.Json.Serialization;
using CloudBroker.Placement.Placing;

namespace CloudBroker.Placement.Decisions;

/// <summary>Turns an engine decision into what the caller may read (<see cref="PlacementExplanation"/>), and its stored JSON.</summary>
public static class Explanations
{
    public static PlacementExplanation Of(PlacementDecision decision, PlacementOrder order, DateTime now, int limit)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(order);
        var best = decision.Passing.FirstOrDefault();
        var rank = 0;
        return new PlacementExplanation(
            order.Policy.Wire(),
            order.AntiAffinity?.Group,
            order.AntiAffinity?.Required ?? false,
            best is null ? null : new PlacedAt(best.Pool.Id, best.Pool.ProviderId, best.RealmId, best.Image!.Id, best.Match!.Profile.Id,
                best.Match.Cpu, best.Match.MemoryMiB, best.Match.StorageGiB),
            decision.Filters,
            decision.Weighers,
            [.. decision.Candidates.Take(limit).Select(c => Of(c, c.Passed ? ++rank : null, decision.Weighers))],
            decision.Candidates.Count,
            now);
    }

    public static string Serialize(PlacementExplanation explanation) => JsonSerializer.Serialize(explanation, ExplanationJson.Default.PlacementExplanation);

    public static PlacementExplanation? Deserialize(string json) => JsonSerializer.Deserialize(json, ExplanationJson.Default.PlacementExplanation);

    private static CandidateExplanation Of(PlacementCandidate candidate, int? rank, IReadOnlyList<string> weighers) => new(
        candidate.Pool.Id,
        candidate.Pool.ProviderId,
        candidate.RealmId,
        candidate.IsPublic ? "public" : "private",
        candidate.Passed,
        rank,
        candidate.Refusal?.Filter,
        candidate.Refusal?.Reason,
        candidate.Verdicts?.Select(v => new FilterExplanation(v.Filter, v.Passed, v.Reason)).ToList(),
        candidate.Passed ? weighers.Select((name, i) => (name, i)).ToDictionary(w => w.name, w => Math.Round(candidate.Parts[w.i], 6)) : null,
        candidate.Passed ? Math.Round(candidate.Score, 6) : null,
        candidate.Match?.Profile.Id,
        candidate.Match is { HourlyPrice: > 0 } match ? match.HourlyPrice : null);
}

/// <summary>The stored explanation's JSON: the wire's names, so what is read back is what was decided.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PlacementExplanation))]
internal sealed partial class ExplanationJson : JsonSerializerContext;
