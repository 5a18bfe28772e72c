using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CloudBroker.Accounting.Rating;

/// <summary>
/// What re-rating a closed month changes, as corrections billed in the open period: for each charge id of the month —
/// rated now, billed when it closed, or corrected since — the rated amounts minus the billed ones minus the corrections
/// billed in other periods. So the closed period keeps its sums, and its charges plus every correction of them add up to
/// the month rated now. A correction points at the charge it corrects (<see cref="Charge.CorrectsChargeId"/>); its id is
/// a hash of that id and the period it is billed in, so re-rating gives the same rows.
/// </summary>
internal static class Corrections
{
    /// <param name="rated">The month's charges as rated now.</param>
    /// <param name="billed">The month's regular charges, and its corrections billed in periods other than <paramref name="period"/>.</param>
    /// <param name="period">The open period the corrections are billed in.</param>
    public static List<Charge> Of(IEnumerable<Charge> rated, IEnumerable<Charge> billed, DateTime period)
    {
        var differences = new Dictionary<string, Difference>(StringComparer.Ordinal);
        foreach (var charge in rated)
        {
            Of(charge.Id, charge).Add(charge, 1m);
        }

        foreach (var charge in billed)
        {
            Of(charge.ChargeClass is null ? charge.Id : charge.CorrectsChargeId!, charge).Add(charge, -1m);
        }

        return [.. differences.Where(d => !d.Value.IsZero).OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Value.ToCorrection(d.Key, period))];

        Difference Of(string id, Charge like) =>
            differences.TryGetValue(id, out var difference) ? difference : differences[id] = new Difference(like);
    }

    /// <summary>The rated charge (else the billed one) the correction describes, and the amounts still to bill.</summary>
    private sealed class Difference(Charge like)
    {
        private decimal _quantity;
        private decimal _list;
        private decimal _contracted;
        private decimal _billed;

        public bool IsZero => _quantity == 0m && _list == 0m && _contracted == 0m && _billed == 0m;

        public void Add(Charge charge, decimal sign)
        {
            _quantity += sign * charge.Quantity;
            _list += sign * charge.ListAmount;
            _contracted += sign * charge.ContractedAmount;
            _billed += sign * charge.BilledAmount;
        }

        public Charge ToCorrection(string correctsId, DateTime period) => new()
        {
            Id = IdOf(correctsId, period),
            TenantId = like.TenantId,
            GroupId = like.GroupId,
            InstanceId = like.InstanceId,
            ProviderId = like.ProviderId,
            OwnerId = like.OwnerId,
            RealmId = like.RealmId,
            Tags = like.Tags,
            Sku = like.Sku,
            Meter = like.Meter,
            Kind = like.Kind,
            Day = like.Day,
            BillingPeriod = period,
            ChargeClass = ChargeClasses.Correction,
            CorrectsChargeId = correctsId,
            PriceBookId = like.PriceBookId,
            PriceBookVersion = like.PriceBookVersion,
            Quantity = _quantity,
            ListAmount = _list,
            ContractedAmount = _contracted,
            BilledAmount = _billed,
            ContractPercent = like.ContractPercent,
        };
    }

    private static string IdOf(string correctsId, DateTime period) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\n', "correction", correctsId, period.ToString("yyyy-MM", CultureInfo.InvariantCulture)))).AsSpan(0, 16));
}
