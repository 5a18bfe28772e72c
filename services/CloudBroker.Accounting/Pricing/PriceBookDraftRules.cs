using CloudBroker.Accounting.Metering;
using CloudBroker.Problems;

namespace CloudBroker.Accounting.Pricing;

/// <summary>What a draft's content must satisfy (each refusal names the field by JSON pointer and the limit hit).</summary>
public static class PriceBookDraftRules
{
    public const int MaxLines = 10_000;

    public const int MaxTiers = 32;

    public const decimal MinPercent = -100m;

    public const decimal MaxPercent = 1000m;

    public static void Check(DateTime effectiveFrom, DateTime? effectiveTo, IReadOnlyList<PriceLineDraft> lines, IReadOnlyList<ContractDraft> contracts)
    {
        if (effectiveTo is { } to && to <= effectiveFrom)
        {
            throw ProblemException.Invalid("/effectiveTo", "must be after effectiveFrom");
        }

        var keys = new HashSet<(string, string, string?)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var at = $"/lines/{i}";
            if (!keys.Add((line.ProviderId, line.Sku, line.TenantId)))
            {
                throw ProblemException.Invalid(at, $"repeats the line of provider '{line.ProviderId}', SKU '{line.Sku}' and {(line.TenantId is null ? "every tenant" : $"tenant '{line.TenantId}'")}; one line per provider, SKU and tenant");
            }

            CheckTiers(line, at);
            if (line.MonthlyFee is not null && Meters.All.Contains(line.Sku))
            {
                throw ProblemException.Invalid(at + "/monthlyFee", "a monthly fee is per instance of a hardware profile; a meter line cannot carry one");
            }
        }

        var tenants = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < contracts.Count; i++)
        {
            if (!tenants.Add(contracts[i].TenantId))
            {
                throw ProblemException.Invalid($"/contracts/{i}/tenantId", "repeats a tenant; one contract per tenant");
            }

            if (contracts[i].Percent is < MinPercent or > MaxPercent)
            {
                throw ProblemException.Invalid($"/contracts/{i}/percent", $"must be from {MinPercent} (free) to {MaxPercent}", new FieldLimit(Min: (long)MinPercent, Max: (long)MaxPercent));
            }
        }
    }

    private static void CheckTiers(PriceLineDraft line, string at)
    {
        if (line.TierMode == TierModes.Flat)
        {
            if (line.Tiers.Count > 0)
            {
                throw ProblemException.Invalid(at + "/tiers", "a flat line has no tiers; set tierMode to graduated or volume");
            }

            return;
        }

        if (line.Tiers.Count is 0 or > MaxTiers)
        {
            throw ProblemException.Invalid(at + "/tiers", $"a {line.TierMode} line needs 1 to {MaxTiers} tiers", new FieldLimit(Min: 1, Max: MaxTiers));
        }

        decimal previous = 0;
        for (var t = 0; t < line.Tiers.Count; t++)
        {
            var upTo = line.Tiers[t].UpTo;
            var last = t == line.Tiers.Count - 1;
            if (last != (upTo is null))
            {
                throw ProblemException.Invalid($"{at}/tiers/{t}/upTo", last ? "the last tier has no upTo (it takes every quantity above the one before)" : "every tier but the last needs upTo");
            }

            if (upTo is { } bound)
            {
                if (bound <= previous)
                {
                    throw ProblemException.Invalid($"{at}/tiers/{t}/upTo", "must be above the previous tier's upTo (and above 0)");
                }

                previous = bound;
            }
        }
    }
}
