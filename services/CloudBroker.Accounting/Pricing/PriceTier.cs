using System.Globalization;
using System.Text;

namespace CloudBroker.Accounting.Pricing;

/// <summary>
/// One tier of a line: its unit price applies to quantities up to <see cref="UpTo"/> (units × hours in the month,
/// exclusive of the previous tier's bound); the last tier has no bound.
/// </summary>
public readonly record struct PriceTier(decimal? UpTo, decimal UnitPrice)
{
    /// <summary>The stored form: <c>upTo:price</c> pairs joined by <c>;</c>, the last without a bound (<c>100:0.5;:0.4</c>).</summary>
    public static string Format(IReadOnlyList<PriceTier> tiers)
    {
        var text = new StringBuilder();
        foreach (var tier in tiers)
        {
            if (text.Length > 0)
            {
                text.Append(';');
            }

            text.Append(CultureInfo.InvariantCulture, $"{tier.UpTo}:{tier.UnitPrice}");
        }

        return text.ToString();
    }

    public static PriceTier[] Parse(string? stored) => string.IsNullOrEmpty(stored) ? [] :
        [.. stored.Split(';').Select(pair =>
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            var upTo = colon == 0 ? (decimal?)null : decimal.Parse(pair.AsSpan(0, colon), CultureInfo.InvariantCulture);
            return new PriceTier(upTo, decimal.Parse(pair.AsSpan(colon + 1), CultureInfo.InvariantCulture));
        })];
}
